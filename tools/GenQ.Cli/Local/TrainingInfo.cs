namespace GenQ.Cli.Local;

/// <summary>
/// genq-training.json, written by `genq train` beside the exported model: where its pairs came from, so
/// `genq evaluate` can report generator, pair count and training time for the adapted model.
/// </summary>
public sealed record TrainingInfo
{
    public const string FileName = "genq-training.json";

    public required string Generator { get; init; }

    /// <summary>Pairs trained on (the held-out ones excluded).</summary>
    public required int Pairs { get; init; }

    /// <summary>Pairs kept out of training to tune hybrid search on.</summary>
    public int HeldOutPairs { get; init; }

    public required int Steps { get; init; }

    public required double TrainingSeconds { get; init; }

    public required double FinalLoss { get; init; }

    public required string BaseModel { get; init; }

    public required string Data { get; init; }

    public required string Corpus { get; init; }
}
