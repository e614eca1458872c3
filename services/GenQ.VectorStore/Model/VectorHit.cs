namespace GenQ.VectorStore.Model;

/// <summary>One search hit: the passage and its cosine similarity to the query (higher is closer, at most 1).</summary>
public sealed record VectorHit(string PassageId, string Title, string Text, float Score);
