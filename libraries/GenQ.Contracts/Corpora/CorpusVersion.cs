using GenQ.Contracts.Runs;

namespace GenQ.Contracts.Corpora;

/// <summary>
/// One model version of a corpus as <c>GET /api/corpora/{name}/versions</c> lists it: the index's view joined with the
/// model folder's manifest, the run that trained it and the latest promotion decision.
/// </summary>
/// <param name="Version">Model version (index collection and model registry key).</param>
/// <param name="State">"Building" or "Ready" (only Ready versions can be promoted).</param>
/// <param name="Live">The corpus alias points here: searches answer from it.</param>
/// <param name="Previous">The version live before the last switch (the usual rollback target).</param>
/// <param name="Points">Passages indexed.</param>
/// <param name="CreatedUtc">When the index version was created.</param>
/// <param name="Kind">"base" (the zero-shot base model), "trained" (a GenQ fine-tune) or "unknown" (no readable manifest).</param>
/// <param name="Method">Training method of a trained version (manifest training <c>method</c>, else "mnrl").</param>
/// <param name="Generator">Query generator of the run that trained it.</param>
/// <param name="Pairs">Training pairs (manifest <c>metrics.pairs</c>).</param>
/// <param name="Fusion">Hybrid fusion the version serves with (manifest <c>hybrid</c>, else "rrf:60").</param>
/// <param name="Promotion">The latest decision: an operator's, else the gate's from the manifest; null when none.</param>
public sealed record CorpusVersion(
    string Version,
    string State,
    bool Live,
    bool Previous,
    long Points,
    DateTimeOffset? CreatedUtc,
    string Kind,
    string? Method,
    string? Generator,
    int? Pairs,
    string Fusion,
    PromotionReport? Promotion);
