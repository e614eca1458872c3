namespace GenQ.Evaluation.Retrieval;

/// <summary>One retrieved document of a query with its score (higher is better).</summary>
public sealed record ScoredDocument(string DocumentId, double Score);
