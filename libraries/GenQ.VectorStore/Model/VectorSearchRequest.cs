namespace GenQ.VectorStore.Model;

/// <summary>A nearest-neighbour query against one corpus.</summary>
/// <param name="Corpus">Corpus name; without <paramref name="ModelVersion"/> the corpus alias (live version) answers.</param>
/// <param name="Vector">Query embedding, made with the same model version as the collection it is compared with.</param>
/// <param name="TopK">Number of hits wanted, 1 to <see cref="MaxTopK"/>.</param>
/// <param name="ModelVersion">
/// Pin the search to one version. The search API should pass the version whose encoder embedded the query, so that a
/// switch of the alias between embedding and search never mixes two models (the previous version is kept for this).
/// </param>
public sealed record VectorSearchRequest(string Corpus, ReadOnlyMemory<float> Vector, int TopK, string? ModelVersion = null)
{
    /// <summary>Largest top_k a backend accepts.</summary>
    public const int MaxTopK = 1000;
}
