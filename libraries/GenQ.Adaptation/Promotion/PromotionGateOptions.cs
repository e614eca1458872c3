using GenQ.Evaluation.Hybrid;
using GenQ.Hybrid.Statistics;

namespace GenQ.Adaptation.Promotion;

/// <summary>When a candidate model version may replace the live one (see <see cref="PromotionGate"/>).</summary>
public sealed record PromotionGateOptions
{
    /// <summary>Configuration section of the trainer worker (<c>PromotionGate:RequiredMargin</c>, …).</summary>
    public const string SectionName = "PromotionGate";

    /// <summary>
    /// Smallest hybrid MRR@10 gain (candidate − live, held-out synthetic queries) that promotes, and the bound the
    /// bootstrap's interval must clear: synthetic queries are a noisy, biased proxy for users' queries, and on the five
    /// shared collections gains the interval could not place above +0.02 were as often losses as gains on the judged
    /// queries (docs/benchmarks/adaptation.md). The same +0.02 the fusion tuner asks of a weighted setting.
    /// </summary>
    public double RequiredMargin { get; init; } = 0.02;

    /// <summary>Confidence of the paired bootstrap's two-sided interval of the hybrid gain, which must lie above <see cref="RequiredMargin"/>.</summary>
    public double Confidence { get; init; } = PairedBootstrap.DefaultConfidence;

    /// <summary>
    /// The candidate may lose at most this much dense MRR@10 against the live version ("not worse in dense"). One query
    /// of 45 moving from rank 1 to 2 costs 0.011, so a tighter bound keeps good candidates for noise (time's candidate
    /// at −0.013 gained 1.5 dense and 4.6 hybrid nDCG@10 points on the judged queries).
    /// </summary>
    public double DenseTolerance { get; init; } = 0.02;

    /// <summary>Fewer held-out queries than this cannot show a gain: the live version stays.</summary>
    public int MinQueries { get; init; } = 20;

    public int Resamples { get; init; } = PairedBootstrap.DefaultResamples;

    /// <summary>MRR cut-off (MRR@10).</summary>
    public int Cutoff { get; init; } = 10;

    /// <summary>How the held-out test bed is built (positive swap, copies left out, BM25 parameters, depth).</summary>
    public HybridTuningOptions Retrieval { get; init; } = new();
}
