namespace GenQ.WebApp.Services;

/// <summary>The answer of GET /api/search: hits best first and the model version that answered.</summary>
public sealed record SearchResultDto(string Corpus, string Query, string ModelVersion, IReadOnlyList<SearchHitDto> Hits, string Mode, string? Fusion);
