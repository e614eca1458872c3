namespace GenQ.Cli.Local;

/// <summary>The content of generation.json: what generated the queries, with which settings, how many and how fast.</summary>
public sealed record GenerationInfo
{
    public required string Generator { get; init; }

    /// <summary>"fallback" or the T5 model folder.</summary>
    public required string Model { get; init; }

    /// <summary>ONNX Runtime execution provider of the T5 model ("CPU", "CUDA"), or "none" for the fallback.</summary>
    public required string Provider { get; init; }

    public required string Corpus { get; init; }

    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    public bool Complete { get; init; }

    public int Passages { get; init; }

    /// <summary>Passages found already done in the output folder when this run started (resume).</summary>
    public int ResumedPassages { get; init; }

    public int Queries { get; init; }

    public int DroppedEmpty { get; init; }

    public int DroppedDuplicates { get; init; }

    public long GeneratedTokens { get; init; }

    /// <summary>Wall time of this run (not of an interrupted earlier one).</summary>
    public double Seconds { get; init; }

    public double PassagesPerSecond { get; init; }

    public double QueriesPerSecond { get; init; }

    public DateTimeOffset CreatedUtc { get; init; }
}
