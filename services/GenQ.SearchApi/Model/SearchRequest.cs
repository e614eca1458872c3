namespace GenQ.SearchApi.Model;

/// <summary>Body of POST /api/search.</summary>
public sealed record SearchRequest(string? Corpus, string? Query, int? TopK);
