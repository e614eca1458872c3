using GenQ.Evaluation.Hybrid;
using GenQ.Hybrid.Statistics;

namespace GenQ.Adaptation.Promotion;

/// <summary>When a candidate model version may replace the live one (see <see cref="PromotionGate"/>).</summary>
public sealed record PromotionGateOptions
{
    /// <summary>Configuration section of the trainer worker (<c>PromotionGate:RequiredMargin</c>, …).</summary>
    public const string SectionName = "PromotionGate";

    /// <summary>
    /// Smallest mean gain in hybrid MRR@10 (candidate − live, held-out synthetic queries) that promotes: a tie or a
    /// hair's breadth keeps the live version, since a rollout has a cost and the proxy is noisy.
    /// </summary>
    public double RequiredMargin { get; init; } = 0.005;

    /// <summary>Confidence of the paired bootstrap's two-sided interval of the hybrid gain, which must lie above zero.</summary>
    public double Confidence { get; init; } = PairedBootstrap.DefaultConfidence;

    /// <summary>The candidate may lose at most this much dense MRR@10 against the live version ("not worse in dense").</summary>
    public double DenseTolerance { get; init; } = 0.01;

    /// <summary>Fewer held-out queries than this cannot show a gain: the live version stays.</summary>
    public int MinQueries { get; init; } = 20;

    public int Resamples { get; init; } = PairedBootstrap.DefaultResamples;

    /// <summary>MRR cut-off (MRR@10).</summary>
    public int Cutoff { get; init; } = 10;

    /// <summary>How the held-out test bed is built (positive swap, copies left out, BM25 parameters, depth).</summary>
    public HybridTuningOptions Retrieval { get; init; } = new();
}
