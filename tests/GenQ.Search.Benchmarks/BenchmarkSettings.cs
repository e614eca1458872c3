using System.Globalization;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// <c>encode|search|ndcg|all</c> then options: <c>--passages N --repeats R --threads T --count N --seconds S
/// --clients 1,8,32 --query-threads T --k K</c>.
/// </summary>
internal sealed record BenchmarkSettings(
    string Command, int Passages, int Repeats, int Threads, int Count, double SecondsPerLevel, int[] Clients, int QueryThreads, int TopK)
{
    public static BenchmarkSettings Parse(string[] args)
    {
        var command = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        if (command is not ("encode" or "search" or "ndcg" or "all"))
        {
            throw new ArgumentException($"Unknown command '{command}'. Commands: encode, search, ndcg, all.");
        }

        var settings = new BenchmarkSettings(command, 1024, 3, 2, 100_000, 5, [1, 8, 32], 1, 10);
        for (var i = command == args.FirstOrDefault() ? 1 : 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option '{args[i]}' needs a value.");
            settings = args[i] switch
            {
                "--passages" => settings with { Passages = Int(value) },
                "--repeats" => settings with { Repeats = Int(value) },
                "--threads" => settings with { Threads = Int(value) },
                "--count" => settings with { Count = Int(value) },
                "--seconds" => settings with { SecondsPerLevel = double.Parse(value, CultureInfo.InvariantCulture) },
                "--clients" => settings with { Clients = value.Split(',').Select(Int).ToArray() },
                "--query-threads" => settings with { QueryThreads = Int(value) },
                "--k" => settings with { TopK = Int(value) },
                _ => throw new ArgumentException(
                    $"Unknown option '{args[i]}'. Options: --passages --repeats --threads --count --seconds --clients --query-threads --k."),
            };
            i++;
        }

        return settings;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
