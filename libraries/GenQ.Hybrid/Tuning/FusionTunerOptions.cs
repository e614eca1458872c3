using GenQ.Hybrid.Fusion;
using GenQ.Hybrid.Statistics;

namespace GenQ.Hybrid.Tuning;

/// <summary>The candidates <see cref="FusionTuner"/> tries and when it trusts its own choice.</summary>
public sealed record FusionTunerOptions
{
    /// <summary>Below this many held-out queries the tuner keeps <see cref="FusionSettings.Default"/>: MRR on a handful of queries is noise.</summary>
    public int MinQueries { get; init; } = 20;

    /// <summary>MRR cut-off (MRR@10).</summary>
    public int Cutoff { get; init; } = 10;

    /// <summary>RRF k = 60 and weighted α = 0.0, 0.1, …, 1.0 (α = 1 is dense alone, α = 0 BM25 alone).</summary>
    public IReadOnlyList<FusionSettings> Candidates { get; init; } =
        [FusionSettings.Default, .. Enumerable.Range(0, 11).Select(i => FusionSettings.Weighted(i / 10.0))];

    /// <summary>
    /// Weighted settings below this dense weight are scored and reported but never chosen. Synthetic queries share more
    /// words with their passage than users' queries do (even paraphrasing generators copy key terms), so their MRR
    /// favours BM25-heavy mixes: on cranfield the tuner picked α = 0.3 (+0.052 MRR@10 over RRF on held-out queries) and
    /// lost 2.1 nDCG@10 points on the judged queries, while the choices at α ≥ 0.5 never lost more than 0.2
    /// (docs/benchmarks/adaptation.md). The tuner may move weight towards the dense side, not away from it.
    /// </summary>
    public double MinAlpha { get; init; } = 0.5;

    /// <summary>
    /// A setting other than RRF replaces it only when it beats RRF on the held-out queries by at least this much MRR@10
    /// (mean paired difference) <i>and</i> the paired bootstrap finds the gain significant at <see cref="Confidence"/>.
    /// Synthetic queries are a biased proxy for real ones: on the five shared collections the best-scoring weighted
    /// setting lost to RRF on the judged queries on two of five (docs/benchmarks/adaptation.md), so a small or
    /// uncertain win keeps the robust default.
    /// </summary>
    public double RequiredMargin { get; init; } = 0.02;

    /// <summary>One-sided confidence of the paired bootstrap that the winner beats RRF.</summary>
    public double Confidence { get; init; } = PairedBootstrap.DefaultConfidence;

    /// <summary>Bootstrap resamples (seeded: the same scores always give the same choice).</summary>
    public int Resamples { get; init; } = PairedBootstrap.DefaultResamples;
}
