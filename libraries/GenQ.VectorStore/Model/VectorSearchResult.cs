namespace GenQ.VectorStore.Model;

/// <summary>Hits of one search, best first, and which collection (model version) produced them.</summary>
/// <param name="Corpus">The corpus searched.</param>
/// <param name="ModelVersion">The model version whose collection answered.</param>
/// <param name="Collection">Backend collection name that answered.</param>
/// <param name="Hits">Hits ordered by descending score.</param>
public sealed record VectorSearchResult(string Corpus, string ModelVersion, string Collection, IReadOnlyList<VectorHit> Hits);
