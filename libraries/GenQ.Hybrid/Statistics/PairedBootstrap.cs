namespace GenQ.Hybrid.Statistics;

/// <summary>
/// Paired bootstrap over queries (Sakai's IR significance practice): the per-query differences are resampled with
/// replacement <c>resamples</c> times with a fixed seed, so the same scores always give the same answer. Used where GenQ
/// must decide without labels whether one system really beats another on synthetic queries: the promotion gate
/// (candidate model vs live model) and the fusion tuner (a weighted fusion vs RRF).
/// </summary>
public static class PairedBootstrap
{
    public const int DefaultResamples = 10_000;
    public const double DefaultConfidence = 0.95;

    public static PairedComparison Compare(
        IReadOnlyList<double> candidate, IReadOnlyList<double> baseline,
        int resamples = DefaultResamples, double confidence = DefaultConfidence, int seed = 17)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(baseline);
        if (candidate.Count != baseline.Count)
        {
            throw new ArgumentException($"Paired scores need one candidate and one baseline score per query ({candidate.Count} vs {baseline.Count}).", nameof(baseline));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence must be between 0 and 1.");
        }

        var n = candidate.Count;
        var differences = new double[n];
        var (better, worse) = (0, 0);
        for (var i = 0; i < n; i++)
        {
            differences[i] = candidate[i] - baseline[i];
            better += differences[i] > 0 ? 1 : 0;
            worse += differences[i] < 0 ? 1 : 0;
        }

        var candidateMean = n == 0 ? 0 : candidate.Average();
        var baselineMean = n == 0 ? 0 : baseline.Average();
        if (n == 0)
        {
            return new PairedComparison(0, 0, 0, 0, 0, 0, 1, 0, 0, resamples, confidence);
        }

        var random = new Random(seed);
        var means = new double[resamples];
        var notBetter = 0;
        for (var r = 0; r < resamples; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += differences[random.Next(n)];
            }

            means[r] = sum / n;
            // A tiny tolerance so a resample whose differences cancel exactly counts as "not better" despite rounding.
            notBetter += means[r] <= 1e-12 ? 1 : 0;
        }

        Array.Sort(means);
        var tail = (1 - confidence) / 2;
        return new PairedComparison(
            n, candidateMean, baselineMean, candidateMean - baselineMean,
            Quantile(means, tail), Quantile(means, 1 - tail), (double)notBetter / resamples, better, worse, resamples, confidence);
    }

    /// <summary>Nearest-rank quantile of sorted values.</summary>
    private static double Quantile(double[] sorted, double q)
    {
        var index = (int)Math.Ceiling(q * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
