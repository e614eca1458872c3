namespace GenQ.Hybrid.Statistics;

/// <summary>
/// Two systems scored on the same queries (one score each, e.g. reciprocal rank), compared pairwise.
/// <see cref="MeanDifference"/> is candidate − baseline; <see cref="CiLow"/>..<see cref="CiHigh"/> its two-sided
/// percentile bootstrap interval at the confidence the comparison was made with; <see cref="PValue"/> the one-sided
/// bootstrap probability that the candidate is not better (share of resampled mean differences ≤ 0).
/// <see cref="Better"/>/<see cref="Worse"/> count the queries where the candidate scored higher/lower (a sign test's counts).
/// </summary>
public sealed record PairedComparison(
    int Count,
    double CandidateMean,
    double BaselineMean,
    double MeanDifference,
    double CiLow,
    double CiHigh,
    double PValue,
    int Better,
    int Worse,
    int Resamples,
    double Confidence);
