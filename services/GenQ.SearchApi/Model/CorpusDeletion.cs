namespace GenQ.SearchApi.Model;

/// <summary>What <c>DELETE /api/corpora/{name}</c> removed: the corpus' runs (their state, passages and pairs) and index versions.</summary>
public sealed record CorpusDeletion(string Name, IReadOnlyList<string> Runs, IReadOnlyList<string> Versions);
