namespace GenQ.WebApp.Services;

/// <summary>A corpus as GET /api/corpora lists it.</summary>
public sealed record CorpusSummaryDto(string Name, string? LatestRunId, long Passages, string? ActiveModelVersion, string IndexBackend);
