namespace GenQ.Contracts.Models;

/// <summary>
/// The <c>hybrid</c> section of a model manifest: the fusion of this model's dense ranking with BM25 that hybrid search
/// uses by default, chosen without labels on held-out synthetic queries (GenQ.Hybrid's FusionTuner). The setting itself
/// is GenQ.Hybrid's <c>FusionSettings</c>; this is its manifest form (<see cref="Method"/>, <see cref="Alpha"/>,
/// <see cref="RrfK"/>) with the tuning evidence. It lives here, beside the run status' report, so the manifest (GenQ.Embeddings)
/// and the converters (GenQ.Hybrid's <c>ModelHybridSettingsExtensions</c>, <c>FusionTuningReports</c>) share it without
/// referencing each other.
/// </summary>
public sealed record ModelHybridSettings
{
    /// <summary>"rrf" (reciprocal-rank fusion) or "weighted" (α·dense + (1 − α)·BM25 over min–max normalised scores).</summary>
    public required string Method { get; init; }

    /// <summary>Weight of the dense side (weighted fusion).</summary>
    public double? Alpha { get; init; }

    /// <summary>RRF's rank offset k (RRF).</summary>
    public int? RrfK { get; init; }

    /// <summary>False when there were too few held-out queries and the default was kept (<see cref="Note"/> says why).</summary>
    public bool Tuned { get; init; } = true;

    /// <summary>Held-out synthetic queries the candidates were scored on.</summary>
    public int HeldOutQueries { get; init; }

    /// <summary>MRR@10 of the chosen setting on the held-out queries.</summary>
    public double? MrrAt10 { get; init; }

    /// <summary>Every setting tried ("rrf:60", "weighted:0.7", ...) and its MRR@10.</summary>
    public IReadOnlyDictionary<string, double>? Candidates { get; init; }

    /// <summary>Whether held-out passages were indexed as their positive text (inverse-cloze generators) while tuning.</summary>
    public bool PositiveTextSwap { get; init; }

    /// <summary>Held-out queries left out of tuning because they copy their own passage (title, key phrases of the fallback generator).</summary>
    public int ExcludedCopies { get; init; }

    public string? Note { get; init; }

    /// <summary>The best-scoring setting (the choice unless it did not beat RRF by the required, significant margin).</summary>
    public string? Best { get; init; }

    /// <summary>Mean MRR@10 gain of <see cref="Best"/> over RRF on the held-out queries, when it is not RRF.</summary>
    public double? GainOverRrf { get; init; }

    /// <summary>Paired bootstrap one-sided p of that gain.</summary>
    public double? PValue { get; init; }
}
