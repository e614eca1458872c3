using GenQ.Evaluation.Retrieval;
using GenQ.Hybrid.Tuning;

namespace GenQ.Evaluation.Hybrid;

/// <summary>How <see cref="HybridTuning"/> builds its candidate lists and which settings it tries.</summary>
public sealed record HybridTuningOptions
{
    /// <summary>Index each held-out pair's passage as its positive text (see <see cref="FusionTuningCorpus"/>).</summary>
    public bool SwapPositives { get; init; } = true;

    /// <summary>Leave out held-out queries that copy their own (tuning) passage text (see <see cref="VerbatimQueries"/>).</summary>
    public bool ExcludeCopies { get; init; } = true;

    /// <summary>Candidates taken from each side per query, as in search and evaluation.</summary>
    public int CandidateDepth { get; init; } = HybridEvaluator.CandidateDepth;

    public FusionTunerOptions Tuner { get; init; } = new();

    /// <summary>BM25 parameters (Depth is replaced by <see cref="CandidateDepth"/>).</summary>
    public Bm25Options Bm25 { get; init; } = new();
}
