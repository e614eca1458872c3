using GenQ.Evaluation.Retrieval;

namespace GenQ.SearchApi.Evaluation;

/// <summary>
/// One retrieval system to evaluate: what it is (the report row's description) and how it searches. A system is just
/// "query text → ranked passage ids": <see cref="SearchAsync"/> returns passage hits best first (split passages as
/// <c>{id}#2</c> are fine: <see cref="CorpusEvaluator"/> maps them back to their document).
/// </summary>
/// <param name="Mode">Retrieval mode the system belongs to ("dense", "bm25", "hybrid"): the <c>modes</c> field filters on it.</param>
/// <param name="System">Row name: "zero-shot", "adapted", "bm25", "hybrid", ...</param>
/// <param name="Model">Model (or engine) name for the row.</param>
/// <param name="SearchAsync">Query text → hits (passage id, score), best first; the top 100 are used.</param>
public sealed record EvaluationSystem(
    string Mode,
    string System,
    string Model,
    Func<string, CancellationToken, Task<IReadOnlyList<ScoredDocument>>> SearchAsync)
{
    public string? ModelVersion { get; init; }

    public string? Generator { get; init; }

    public int? TrainingPairs { get; init; }

    public double? TrainingSeconds { get; init; }

    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    /// <summary>True on rows of the version searches are served from, false on other versions' rows.</summary>
    public bool? Live { get; init; }
}
