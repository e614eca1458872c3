namespace GenQ.Load.Benchmarks;

/// <summary>Percentiles (nearest rank) of a set of latencies in milliseconds.</summary>
internal static class Latencies
{
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Summary(List<double> latencies)
    {
        latencies.Sort();
        return $"p50 {Percentile(latencies, 50):F1} ms, p95 {Percentile(latencies, 95):F1} ms, p99 {Percentile(latencies, 99):F1} ms, "
            + $"max {(latencies.Count == 0 ? double.NaN : latencies[^1]):F1} ms";
    }
}
