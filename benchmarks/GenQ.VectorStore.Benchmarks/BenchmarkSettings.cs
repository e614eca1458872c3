using System.Globalization;

namespace GenQ.VectorStore.Benchmarks;

/// <summary>Command-line settings: <c>--count N --dims D --seconds S --clients 1,8,32 --k K --dir PATH</c>.</summary>
internal sealed record BenchmarkSettings(int Count, int Dimensions, double SecondsPerLevel, int[] Clients, int TopK, string? Directory)
{
    public static BenchmarkSettings Parse(string[] args)
    {
        var settings = new BenchmarkSettings(100_000, 384, 5, [1, 8, 32], 10, null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option '{args[i]}' needs a value.");
            settings = args[i] switch
            {
                "--count" => settings with { Count = int.Parse(value, CultureInfo.InvariantCulture) },
                "--dims" => settings with { Dimensions = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seconds" => settings with { SecondsPerLevel = double.Parse(value, CultureInfo.InvariantCulture) },
                "--clients" => settings with { Clients = value.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray() },
                "--k" => settings with { TopK = int.Parse(value, CultureInfo.InvariantCulture) },
                "--dir" => settings with { Directory = value },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --count --dims --seconds --clients --k --dir."),
            };
            i++;
        }

        return settings;
    }
}
