using System.Collections.Concurrent;
using System.Diagnostics;
using GenQ.Evaluation.Metrics;
using GenQ.Evaluation.Reporting;
using GenQ.Evaluation.Retrieval;

namespace GenQ.SearchApi.Evaluation;

/// <summary>
/// Runs every judged query through each <see cref="EvaluationSystem"/>, maps passage hits to documents and scores the
/// runs with GenQ.Evaluation's <see cref="RetrievalMetrics"/> (the same code as `genq evaluate`).
/// </summary>
public static class CorpusEvaluator
{
    private const int ParallelQueries = 4;

    public static async Task<EvaluationReport> EvaluateAsync(
        string corpus,
        int passages,
        EvaluationQuerySet querySet,
        IReadOnlyList<EvaluationSystem> systems,
        CancellationToken cancellationToken)
    {
        var rows = new List<SystemEvaluation>();
        foreach (var system in systems)
        {
            rows.Add(await EvaluateSystemAsync(system, querySet, cancellationToken));
        }
        return new EvaluationReport
        {
            Collection = corpus,
            Documents = passages,
            Queries = querySet.Queries.Count,
            Judgments = querySet.Qrels.Values.Sum(j => j.Count),
            CreatedUtc = DateTimeOffset.UtcNow,
            Systems = rows,
        };
    }

    public static async Task<SystemEvaluation> EvaluateSystemAsync(EvaluationSystem system, EvaluationQuerySet querySet, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var run = new ConcurrentDictionary<string, IReadOnlyList<ScoredDocument>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(querySet.Queries, new ParallelOptions { MaxDegreeOfParallelism = ParallelQueries, CancellationToken = cancellationToken },
            async (query, ct) => run[query.Key] = PassageHits.ToDocuments(await system.SearchAsync(query.Value, ct)));
        var report = RetrievalMetrics.Evaluate(querySet.Qrels, run);
        return new SystemEvaluation
        {
            System = system.System,
            Mode = system.Mode,
            Model = system.Model,
            ModelVersion = system.ModelVersion,
            Generator = system.Generator,
            TrainingPairs = system.TrainingPairs,
            TrainingSeconds = system.TrainingSeconds,
            Metrics = report.Mean,
            EvaluationSeconds = clock.Elapsed.TotalSeconds,
            Settings = system.Settings,
            Live = system.Live,
        };
    }
}
