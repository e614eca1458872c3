namespace GenQ.VectorStore.Model;

/// <summary>Outcome of an atomic alias switch.</summary>
/// <param name="Corpus">Corpus whose alias moved.</param>
/// <param name="LiveVersion">Version the alias points to now.</param>
/// <param name="PreviousVersion">Version it pointed to before (kept for rollback), or null on the first publish.</param>
public sealed record AliasSwitchResult(string Corpus, string LiveVersion, string? PreviousVersion);
