namespace GenQ.VectorStore.Model;

/// <summary>
/// The version asked for has no lexical (BM25) index: it was built before lexical search existed. Vector search still
/// works; re-indexing the corpus builds the lexical index. Hybrid search answers with dense results instead.
/// </summary>
public sealed class LexicalIndexUnavailableException(string corpus, string modelVersion)
    : InvalidOperationException($"Version '{modelVersion}' of corpus '{corpus}' was built without a lexical index; re-index the corpus to search it lexically.")
{
    public string Corpus { get; } = corpus;

    public string ModelVersion { get; } = modelVersion;
}
