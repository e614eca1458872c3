using GenQ.Evaluation.Metrics;

namespace GenQ.Evaluation.Reporting;

/// <summary>
/// One retrieval system's scores on a collection and what it is: <see cref="System"/> is "bm25", "zero-shot" or
/// "adapted"; model, version, generator, pair count and training time describe a dense model (null for BM25).
/// </summary>
public sealed record SystemEvaluation
{
    public required string System { get; init; }

    public required string Model { get; init; }

    /// <summary>Search mode of the row: "dense", "bm25" or "hybrid" (null in reports written before hybrid search).</summary>
    public string? Mode { get; init; }

    public string? ModelVersion { get; init; }

    public string? Generator { get; init; }

    public int? TrainingPairs { get; init; }

    public double? TrainingSeconds { get; init; }

    public required MetricScores Metrics { get; init; }

    /// <summary>Wall time of indexing/encoding the corpus and running the queries.</summary>
    public double EvaluationSeconds { get; init; }

    /// <summary>Free-form settings worth reporting (BM25 k1/b, analyzer, execution provider, a hybrid row's fusion).</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    /// <summary>
    /// The search API's reports: true on the rows of the model version searches are served from, false on other versions'
    /// rows; null where no version is live (offline <c>genq evaluate</c> reports).
    /// </summary>
    public bool? Live { get; init; }
}
