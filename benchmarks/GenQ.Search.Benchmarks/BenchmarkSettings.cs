using System.Globalization;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// <c>encode|search|hybrid|ndcg|query|queryab|stalls|profile|graph|all</c> then options: <c>--passages N --repeats R --threads T --count N --seconds S
/// --clients 1,8,32 --query-threads T --k K --modes 3,8 --spinning false --parallel P --variants true
/// --vectors real --ef 32,64,128 --vector-cache DIR --async-clients true</c>.
/// </summary>
internal sealed record BenchmarkSettings(
    string Command, int Passages, int Repeats, int Threads, int Count, double SecondsPerLevel, int[] Clients, int QueryThreads, int TopK)
{
    /// <summary>Search modes to run (the numbers in <c>SearchBenchmark</c>'s list); empty runs all.</summary>
    public int[] Modes { get; init; } = [];

    /// <summary>Let ONNX Runtime's idle intra-op threads spin (off by default: the machine is shared).</summary>
    public bool Spinning { get; init; }

    /// <summary>Encode: concurrent Runs on one session, each with its share of the passages.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>Encode: run the list of session variants (threads, parallel Runs, spinning, batch size) instead.</summary>
    public bool Variants { get; init; }

    /// <summary>Search: "random" unit vectors (exact and int8 scans) or "real" sentence embeddings (adds the HNSW modes).</summary>
    public string Vectors { get; init; } = "random";

    /// <summary>Search with real vectors: HNSW candidate list sizes; the first is used by the load modes, all by the recall table.</summary>
    public int[] Ef { get; init; } = [64];

    /// <summary>Where real-vector embeddings are cached between runs.</summary>
    public string VectorCache { get; init; } = Path.Combine(Path.GetTempPath(), "genq-bench-cache");

    /// <summary>Search: clients are awaiting tasks on the thread pool (as ASP.NET Core serves requests) instead of one blocked thread each.</summary>
    public bool AsyncClients { get; init; }

    public static BenchmarkSettings Parse(string[] args)
    {
        var command = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        if (command is not ("encode" or "search" or "ndcg" or "all" or "graph" or "query" or "queryab" or "stalls" or "profile" or "hybrid"))
        {
            throw new ArgumentException($"Unknown command '{command}'. Commands: encode, search, hybrid, ndcg, query, queryab, stalls, profile, graph, all.");
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
                "--modes" => settings with { Modes = value.Split(',').Select(Int).ToArray() },
                "--spinning" => settings with { Spinning = bool.Parse(value) },
                "--parallel" => settings with { Parallel = Int(value) },
                "--variants" => settings with { Variants = bool.Parse(value) },
                "--vectors" when value is "random" or "real" => settings with { Vectors = value },
                "--ef" => settings with { Ef = value.Split(',').Select(Int).ToArray() },
                "--vector-cache" => settings with { VectorCache = value },
                "--async-clients" => settings with { AsyncClients = bool.Parse(value) },
                _ => throw new ArgumentException(
                    $"Unknown option or value '{args[i]} {value}'. Options: --passages --repeats --threads --count --seconds --clients --query-threads --k " +
                    "--modes --spinning --parallel --variants --vectors random|real --ef 32,64 --vector-cache DIR --async-clients true."),
            };
            i++;
        }

        return settings;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
