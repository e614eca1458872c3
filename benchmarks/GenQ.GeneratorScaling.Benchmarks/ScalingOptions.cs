namespace GenQ.GeneratorScaling.Benchmarks;

/// <summary>One configuration: how many worker replicas, each with how many ONNX Runtime intra-op threads.</summary>
internal sealed record ScalingConfiguration(int Replicas, int Threads)
{
    public string Name => $"{Replicas} replica{(Replicas == 1 ? "" : "s")} × {Threads} thread{(Threads == 1 ? "" : "s")}";

    /// <summary>"2x1" → 2 replicas of 1 thread.</summary>
    public static ScalingConfiguration Parse(string text)
    {
        var parts = text.Split('x', 'X', '×');
        return parts.Length == 2 && int.TryParse(parts[0], out var replicas) && int.TryParse(parts[1], out var threads) && replicas > 0 && threads > 0
            ? new ScalingConfiguration(replicas, threads)
            : throw new ArgumentException($"'{text}' is not a configuration like 2x1 (replicas x threads).");
    }
}

/// <summary>Command-line settings; see Program.cs for what each option means.</summary>
internal sealed record ScalingOptions
{
    public int Passages { get; init; } = 32;
    public int Rounds { get; init; } = 3;
    public int BatchSize { get; init; } = 8;
    public int NewTokens { get; init; } = 11;
    public int QueriesPerPassage { get; init; } = 3;
    public string Collection { get; init; } = "cranfield";
    public bool Tiny { get; init; }
    public string? ModelDirectory { get; init; }
    public string? WorkerDll { get; init; }
    public string? OutFile { get; init; }
    public string Provider { get; init; } = "Cpu";
    public TimeSpan MeasurementTimeout { get; init; } = TimeSpan.FromMinutes(15);

    public IReadOnlyList<ScalingConfiguration> Configurations { get; init; } =
        [new(1, 2), new(2, 1), new(2, 2)];

    public string ModelFolder => ModelDirectory
        ?? Path.Combine(Path.GetTempPath(), Tiny ? "genq-bench-t5-base-tiny" : "genq-bench-t5-base");

    public static ScalingOptions Parse(string[] args)
    {
        var options = new ScalingOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--passages" => options with { Passages = int.Parse(Next()) },
                "--rounds" => options with { Rounds = int.Parse(Next()) },
                "--batch-size" => options with { BatchSize = int.Parse(Next()) },
                "--new-tokens" => options with { NewTokens = int.Parse(Next()) },
                "--collection" => options with { Collection = Next() },
                "--tiny" => options with { Tiny = true },
                "--model-dir" => options with { ModelDirectory = Next() },
                "--worker" => options with { WorkerDll = Next() },
                "--out" => options with { OutFile = Next() },
                "--provider" => options with { Provider = Next() },
                "--timeout-minutes" => options with { MeasurementTimeout = TimeSpan.FromMinutes(double.Parse(Next())) },
                "--configs" => options with { Configurations = Next().Split(',').Select(ScalingConfiguration.Parse).ToList() },
                _ => throw new ArgumentException($"Unknown option {args[i]}; see the header of Program.cs."),
            };
        }

        return options;
    }
}
