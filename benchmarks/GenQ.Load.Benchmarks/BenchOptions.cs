using System.Globalization;

namespace GenQ.Load.Benchmarks;

internal sealed record BenchOptions(
    string Collection, string Background, int Searches, int Clients, double SoakMinutes, double SoakRps,
    double UploadSeconds, double SampleSeconds, bool KeepRateLimits, int MaxDocuments, double SettleMinutes = 0)
{
    public static BenchOptions Parse(string[] args)
    {
        var root = RepositoryRoot();
        var evalData = Path.GetFullPath(Path.Combine(root, "..", "shared", "eval-data"));
        var o = new BenchOptions(Path.Combine(evalData, "cranfield"), Path.Combine(evalData, "medline"),
            10_000, 32, 10, 5, 30, 30, false, int.MaxValue);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--collection" => o with { Collection = Path.GetFullPath(Next()) },
                "--background" => o with { Background = Path.GetFullPath(Next()) },
                "--searches" => o with { Searches = (int)Number() },
                "--clients" => o with { Clients = (int)Number() },
                "--soak-minutes" => o with { SoakMinutes = Number() },
                "--soak-rps" => o with { SoakRps = Number() },
                "--upload-seconds" => o with { UploadSeconds = Number() },
                "--sample-seconds" => o with { SampleSeconds = Number() },
                "--settle-minutes" => o with { SettleMinutes = Number() },
                "--max-docs" => o with { MaxDocuments = (int)Number() },
                "--keep-rate-limits" => o with { KeepRateLimits = true },
                _ => throw new ArgumentException($"unknown option {args[i]} (see the top of Program.cs)"),
            };
        }
        return o;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GenQ.sln")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
