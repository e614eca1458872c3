using System.Text.Json;
using GenQ.Contracts.Jobs;

namespace GenQ.SearchApi.Ingestion;

/// <summary>
/// Reads an upload line by line, either BEIR JSON lines or plain text (one document per non-empty line), and
/// validates all of it before anything is stored: the first bad line aborts the whole upload.
/// </summary>
public static class DocumentUploadReader
{
    public static async Task<UploadReadResult> ReadAsync(Stream body, bool plainText, IngestOptions options, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body);
        var passages = new List<PassageRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        var documents = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            if (line.Length > options.MaxLineBytes)
            {
                return UploadReadResult.Failed($"line {lineNumber}: longer than the limit of {options.MaxLineBytes} characters");
            }
            var (passage, error) = plainText
                ? (new PassageRecord(lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), "", line.Trim()), null)
                : ParseJsonLine(line, lineNumber);
            if (error is not null)
            {
                return UploadReadResult.Failed(error);
            }
            if (!seen.Add(passage!.Id))
            {
                return UploadReadResult.Failed($"line {lineNumber}: duplicate _id '{passage.Id}'");
            }
            if (passage.Id.Contains(PassageSplitter.PartSeparator, StringComparison.Ordinal))
            {
                return UploadReadResult.Failed($"line {lineNumber}: '_id' must not contain '{PassageSplitter.PartSeparator}' (it marks passages of split documents)");
            }
            passages.AddRange(PassageSplitter.Split(passage, options.MaxPassageWords));
            documents++;
        }
        return passages.Count == 0 ? UploadReadResult.Failed("the upload contains no documents") : new UploadReadResult(documents, passages, null);
    }

    private static (PassageRecord? Passage, string? Error) ParseJsonLine(string line, int lineNumber)
    {
        CorpusDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(line, IngestJsonContext.Default.CorpusDocument);
        }
        catch (JsonException ex)
        {
            return (null, $"line {lineNumber}: not valid JSON ({ex.Message})");
        }
        if (document is null)
        {
            return (null, $"line {lineNumber}: expected a JSON object");
        }
        if (string.IsNullOrWhiteSpace(document.Id))
        {
            return (null, $"line {lineNumber}: field '_id' is missing or empty");
        }
        if (string.IsNullOrWhiteSpace(document.Text) && string.IsNullOrWhiteSpace(document.Title))
        {
            return (null, $"line {lineNumber}: both 'title' and 'text' are empty");
        }
        return (new PassageRecord(document.Id.Trim(), document.Title?.Trim() ?? "", document.Text?.Trim() ?? ""), null);
    }
}
