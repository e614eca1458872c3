namespace GenQ.SearchApi.Model;

public sealed record CorpusSummary(string Name, string? LatestRunId, long Passages, string? ActiveModelVersion, string IndexBackend);
