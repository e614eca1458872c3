namespace GenQ.WebApp.Services;

/// <summary>One hit as GET /api/search returns it (the CLI keeps its own copy too: the API project is not a library).</summary>
public sealed record SearchHitDto(string PassageId, string Title, string Snippet, float Score, int? DenseRank, int? Bm25Rank);
