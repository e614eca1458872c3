namespace GenQ.Evaluation.Metrics;

/// <summary>The four BEIR headline metrics, of one query or averaged over the judged queries.</summary>
public sealed record MetricScores(double NdcgAt10, double MrrAt10, double RecallAt100, double MapAt100)
{
    public static MetricScores Zero { get; } = new(0, 0, 0, 0);
}
