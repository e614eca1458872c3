using GenQ.Contracts.Jobs;
using GenQ.Evaluation.Data;

namespace GenQ.SearchApi.Ingestion;

/// <summary>
/// Reads an upload line by line, either BEIR JSON lines or plain text (one document per non-empty line), and
/// validates all of it before anything is stored: the first bad line (not JSON, not UTF-8, no id, duplicate id)
/// aborts the whole upload; a document with neither title nor text is skipped and counted.
/// </summary>
public static class DocumentUploadReader
{
    public static async Task<UploadReadResult> ReadAsync(Stream body, bool plainText, IngestOptions options, CancellationToken cancellationToken)
    {
        var reader = new Utf8LineReader(body, options.MaxLineBytes);
        var passages = new List<PassageRecord>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var skipped = new List<int>();
        var skippedCount = 0;
        var documents = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } read)
        {
            var lineNumber = read.Number;
            if (read.Error is not null)
            {
                return UploadReadResult.Failed($"line {lineNumber}: {read.Error}");
            }
            var line = read.Text!;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var (passage, error) = plainText
                ? (new PassageRecord(lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), "", line.Trim()), null)
                : ParseJsonLine(line, lineNumber);
            if (error is not null)
            {
                return UploadReadResult.Failed(error);
            }
            if (!seen.TryAdd(passage!.Id, lineNumber))
            {
                return UploadReadResult.Failed($"line {lineNumber}: duplicate _id '{passage.Id}'");
            }
            if (passage.Id.Contains(PassageSplitter.PartSeparator, StringComparison.Ordinal))
            {
                return UploadReadResult.Failed($"line {lineNumber}: '_id' must not contain '{PassageSplitter.PartSeparator}' (it marks passages of split documents)");
            }
            if (passage.Title.Length == 0 && passage.Text.Length == 0)
            {
                // Nothing to search or to generate queries from; the id stays taken so a duplicate is still caught.
                skippedCount++;
                if (skipped.Count < UploadReadResult.MaxListedLines)
                {
                    skipped.Add(lineNumber);
                }
                continue;
            }
            passages.AddRange(PassageSplitter.Split(passage, options.MaxPassageWords));
            documents++;
        }
        if (passages.Count == 0)
        {
            return UploadReadResult.Failed(skippedCount == 0
                ? "the upload contains no documents"
                : $"the upload contains no documents with a title or text ({skippedCount} empty)");
        }
        return new UploadReadResult(documents, passages, null) { SkippedEmpty = skippedCount, SkippedLines = skipped, DocumentLines = seen };
    }

    /// <summary>GenQ.Evaluation's corpus line parser (the CLI's rules, numeric ids accepted); title and text trimmed.</summary>
    private static (PassageRecord? Passage, string? Error) ParseJsonLine(string line, int lineNumber)
    {
        try
        {
            var passage = BeirReader.ParseCorpusLine(line, lineNumber, "upload");
            return (passage with { Title = passage.Title.Trim(), Text = passage.Text.Trim() }, null);
        }
        catch (BeirFormatException ex)
        {
            return (null, $"line {lineNumber}: {ex.Problem.TrimEnd('.')}");
        }
    }
}
