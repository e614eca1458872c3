namespace GenQ.VectorStore.Model;

/// <summary>
/// One search hit: the passage and its score, higher is better: cosine similarity (at most 1) for a vector search, the
/// BM25 score (unbounded, not comparable across queries) for a lexical search.
/// </summary>
public sealed record VectorHit(string PassageId, string Title, string Text, float Score);
