namespace GenQ.GeneratorScaling.Benchmarks;

/// <summary>
/// One measurement: <paramref name="Seconds"/> from the first publish to Redis appending the last training-pairs
/// message; per replica the CPU seconds spent and batches generated in that window; the 1-minute load at its end.
/// </summary>
internal sealed record ScalingSample(
    ScalingConfiguration Configuration,
    int Round,
    int Passages,
    double Seconds,
    IReadOnlyList<double> CpuSeconds,
    IReadOnlyList<int> Batches,
    string Load)
{
    public double PassagesPerSecond => Passages / Seconds;

    /// <summary>Average number of cores the replicas kept busy together (CPU seconds over wall seconds).</summary>
    public double CoresBusy => CpuSeconds.Sum() / Seconds;
}
