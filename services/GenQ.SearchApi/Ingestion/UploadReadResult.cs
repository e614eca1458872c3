using GenQ.Contracts.Jobs;

namespace GenQ.SearchApi.Ingestion;

/// <summary>The passages of an upload, or the first problem found (with its line number).</summary>
public sealed record UploadReadResult(IReadOnlyList<PassageRecord> Passages, string? Error)
{
    public static UploadReadResult Failed(string error) => new([], error);
}
