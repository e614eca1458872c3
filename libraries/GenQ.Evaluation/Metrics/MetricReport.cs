namespace GenQ.Evaluation.Metrics;

/// <summary>Mean scores over <see cref="QueryCount"/> judged queries, and each query's own scores.</summary>
public sealed record MetricReport(MetricScores Mean, int QueryCount, IReadOnlyDictionary<string, MetricScores> PerQuery);
