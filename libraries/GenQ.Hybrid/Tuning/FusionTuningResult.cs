using GenQ.Hybrid.Fusion;
using GenQ.Hybrid.Statistics;

namespace GenQ.Hybrid.Tuning;

/// <summary>
/// What <see cref="FusionTuner"/> chose and why: every candidate's score on <see cref="Queries"/> held-out queries.
/// <see cref="Tuned"/> is false when there were too few queries and <see cref="Chosen"/> is the default
/// (<see cref="Note"/> says so).
/// </summary>
public sealed record FusionTuningResult(FusionSettings Chosen, IReadOnlyList<FusionCandidateScore> Candidates, int Queries)
{
    public bool Tuned { get; init; } = true;

    /// <summary>Held-out queries left out because they copy their own passage (<see cref="VerbatimQueries"/>); set by the caller that filtered.</summary>
    public int ExcludedCopies { get; init; }

    /// <summary>Why the default was kept, or null when the best candidate was chosen.</summary>
    public string? Note { get; init; }

    /// <summary>The best-scoring candidate (the choice unless it failed to beat RRF clearly enough).</summary>
    public FusionSettings? Best { get; init; }

    /// <summary>The best non-RRF candidate against RRF on the same queries (null when RRF scored best or too few queries).</summary>
    public PairedComparison? Evidence { get; init; }

    /// <summary>The chosen setting's score (null when it was not among the candidates scored).</summary>
    public double? ChosenMrrAt10 => Candidates.FirstOrDefault(c => c.Settings == Chosen)?.MrrAt10;
}
