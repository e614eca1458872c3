namespace GenQ.Contracts.Runs;

/// <summary>
/// Whether a newly trained model version went live, and the label-free evidence behind the decision: the candidate and
/// the live version searched the synthetic queries of held-out passages (passages none of whose queries reached
/// training) in the mode search serves by default (hybrid, each with its own fusion) and in dense alone, scored by MRR@10
/// of each query finding its own passage, and compared query by query with a paired bootstrap. Recorded in the run
/// status (<c>promotion</c>), in the model's manifest and in the logs; an operator's manual promotion or rollback is
/// recorded the same way with <see cref="Manual"/> set.
/// </summary>
/// <param name="Decision">"promoted" (the candidate went live) or "kept" (the live version stayed).</param>
/// <param name="Reason">The rule that decided, in words.</param>
/// <param name="Candidate">The version judged.</param>
/// <param name="Live">The version live when it was judged (null when the corpus had none).</param>
public sealed record PromotionReport(string Decision, string Reason, string Candidate, string? Live)
{
    public const string Promoted = "promoted";
    public const string Kept = "kept";

    /// <summary>Held-out synthetic queries both versions were scored on (copies of their own passage left out).</summary>
    public int Queries { get; init; }

    /// <summary>The mode compared first: "hybrid", the mode search serves by default.</summary>
    public string Mode { get; init; } = "hybrid";

    public string? CandidateFusion { get; init; }

    public string? LiveFusion { get; init; }

    /// <summary>MRR@10 in the served (hybrid) mode.</summary>
    public double? CandidateMrrAt10 { get; init; }

    public double? LiveMrrAt10 { get; init; }

    /// <summary>Candidate − live MRR@10 (hybrid), with its 95 % bootstrap interval and one-sided p (candidate not better).</summary>
    public double? Difference { get; init; }

    public double? CiLow { get; init; }

    public double? CiHigh { get; init; }

    public double? PValue { get; init; }

    /// <summary>MRR@10 in dense mode (the candidate must not be worse there either).</summary>
    public double? CandidateDenseMrrAt10 { get; init; }

    public double? LiveDenseMrrAt10 { get; init; }

    /// <summary>The smallest hybrid gain (MRR@10) that promotes.</summary>
    public double? RequiredMargin { get; init; }

    /// <summary>How the evidence was tested, e.g. "paired bootstrap, 10000 resamples, one-sided 95 %".</summary>
    public string? Test { get; init; }

    /// <summary>True when an operator promoted or rolled back by hand.</summary>
    public bool Manual { get; init; }

    public DateTimeOffset DecidedAt { get; init; }
}
