using GenQ.Contracts.Jobs;

namespace GenQ.SearchApi.Ingestion;

/// <summary>
/// The documents of an upload as passages (long documents split), or the first problem found (with its line number).
/// Documents with neither title nor text are skipped, not fatal: real collections have a few (Cranfield has 1 of 1,400).
/// </summary>
public sealed record UploadReadResult(int Documents, IReadOnlyList<PassageRecord> Passages, string? Error)
{
    /// <summary>How many documents were skipped because both title and text are empty.</summary>
    public int SkippedEmpty { get; init; }

    /// <summary>Line numbers of the first skipped documents (at most <see cref="MaxListedLines"/>).</summary>
    public IReadOnlyList<int> SkippedLines { get; init; } = [];

    /// <summary>Line number of each document id (an append names the line of an id its corpus already has).</summary>
    public IReadOnlyDictionary<string, int> DocumentLines { get; init; } = new Dictionary<string, int>();

    /// <summary>The line of the document a passage (<c>{id}</c> or a split part <c>{id}#n</c>) comes from; 0 when unknown.</summary>
    public int LineOf(string passageId)
    {
        var separator = passageId.IndexOf(PassageSplitter.PartSeparator, StringComparison.Ordinal);
        var documentId = separator < 0 ? passageId : passageId[..separator];
        return DocumentLines.TryGetValue(documentId, out var line) ? line : 0;
    }

    public const int MaxListedLines = 20;

    public static UploadReadResult Failed(string error) => new(0, [], error);
}
