using GenQ.Contracts.Jobs;

namespace GenQ.SearchApi.Ingestion;

/// <summary>The documents of an upload as passages (long documents split), or the first problem found (with its line number).</summary>
public sealed record UploadReadResult(int Documents, IReadOnlyList<PassageRecord> Passages, string? Error)
{
    public static UploadReadResult Failed(string error) => new(0, [], error);
}
