namespace GenQ.VectorStore.Model;

/// <summary>A BM25 (lexical) query against one corpus: the lexical index built with the version's vectors.</summary>
/// <param name="Corpus">Corpus name; without <paramref name="ModelVersion"/> the corpus alias (live version) answers.</param>
/// <param name="QueryText">Query text, analysed like the passages (non-empty; a query of stop words only finds nothing).</param>
/// <param name="TopK">Number of hits wanted, 1 to <see cref="VectorSearchRequest.MaxTopK"/>.</param>
/// <param name="ModelVersion">
/// Pin the search to one version (hybrid search passes the version its dense half used, so both halves rank the same
/// passages even when the alias switches in between).
/// </param>
/// <param name="TextTopK">
/// Only the first this many hits need title and text (the rest carry empty ones): hybrid search fuses 100 candidates but
/// returns only its top k, and a passage of the lexical side that makes the fused top k is within the lexical top k.
/// Null: every hit carries them.
/// </param>
public sealed record LexicalSearchRequest(string Corpus, string QueryText, int TopK, string? ModelVersion = null, int? TextTopK = null);
