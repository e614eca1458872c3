using System.Globalization;
using System.Text.Json;
using GenQ.Contracts.Jobs;

namespace GenQ.Evaluation.Data;

/// <summary>
/// Readers of the three BEIR files. Every malformed line fails with a <see cref="BeirFormatException"/> naming the
/// file and line; blank lines are skipped.
/// </summary>
public static class BeirReader
{
    /// <summary>corpus.jsonl: <c>{"_id", "title"?, "text"}</c> per line; ids must be unique.</summary>
    public static List<PassageRecord> ReadCorpus(string path)
    {
        var passages = new List<PassageRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, number) in Lines(path))
        {
            var passage = ParseCorpusLine(line, number, path);
            if (!seen.Add(passage.Id))
            {
                throw new BeirFormatException(path, number, $"duplicate _id '{passage.Id}'.");
            }

            passages.Add(passage);
        }

        return passages;
    }

    /// <summary>
    /// One corpus.jsonl line, <c>{"_id", "title"?, "text"}</c>: the id trimmed (a numeric id is taken as its JSON
    /// text), title and text as written (missing or null: empty). The one parser of corpus lines, for files and uploads;
    /// a malformed line throws a <see cref="BeirFormatException"/> naming <paramref name="path"/>, the line and the field.
    /// </summary>
    public static PassageRecord ParseCorpusLine(string line, int number, string path)
    {
        var root = ParseObject(path, line, number);
        var id = RequiredString(path, number, root, "_id");
        var title = OptionalString(path, number, root, "title");
        var text = OptionalString(path, number, root, "text");
        return new PassageRecord(id, title, text);
    }

    /// <summary>queries.jsonl: <c>{"_id", "text"}</c> per line.</summary>
    public static Dictionary<string, string> ReadQueries(string path)
    {
        using var reader = OpenText(path);
        return ReadQueries(reader, path);
    }

    /// <summary>queries.jsonl from any reader (an upload); <paramref name="path"/> names the source in errors.</summary>
    public static Dictionary<string, string> ReadQueries(TextReader reader, string path)
    {
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, number) in Lines(reader))
        {
            var root = ParseObject(path, line, number);
            var id = RequiredString(path, number, root, "_id");
            if (!queries.TryAdd(id, OptionalString(path, number, root, "text")))
            {
                throw new BeirFormatException(path, number, $"duplicate _id '{id}'.");
            }
        }

        return queries;
    }

    /// <summary>qrels/*.tsv: header <c>query-id\tcorpus-id\tscore</c>, then one integer-graded judgment per line.</summary>
    public static Dictionary<string, IReadOnlyDictionary<string, int>> ReadQrels(string path)
    {
        using var reader = OpenText(path);
        return ReadQrels(reader, path);
    }

    /// <summary>A qrels TSV from any reader (an upload); <paramref name="path"/> names the source in errors.</summary>
    public static Dictionary<string, IReadOnlyDictionary<string, int>> ReadQrels(TextReader reader, string path)
    {
        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var headerSeen = false;
        foreach (var (line, number) in Lines(reader))
        {
            var fields = line.Split('\t');
            if (!headerSeen)
            {
                headerSeen = true;
                if (fields.Length >= 3 && fields[0].Trim() == "query-id")
                {
                    continue;
                }

                throw new BeirFormatException(path, number, "expected the header 'query-id\\tcorpus-id\\tscore'.");
            }

            if (fields.Length != 3)
            {
                throw new BeirFormatException(path, number, $"expected 3 tab-separated fields (query-id, corpus-id, score), found {fields.Length}.");
            }

            var (query, doc) = (fields[0].Trim(), fields[1].Trim());
            if (query.Length == 0 || doc.Length == 0)
            {
                throw new BeirFormatException(path, number, "query-id and corpus-id must not be empty.");
            }

            if (!int.TryParse(fields[2].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var score))
            {
                throw new BeirFormatException(path, number, $"score '{fields[2].Trim()}' is not an integer.");
            }

            var judgments = qrels.TryGetValue(query, out var existing) ? existing : qrels[query] = new Dictionary<string, int>(StringComparer.Ordinal);
            if (!judgments.TryAdd(doc, score))
            {
                throw new BeirFormatException(path, number, $"duplicate judgment for query '{query}' and document '{doc}'.");
            }
        }

        if (!headerSeen)
        {
            throw new BeirFormatException(path, null, "the file is empty (expected a header and judgments).");
        }

        return qrels.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, int>)kv.Value, StringComparer.Ordinal);
    }

    /// <summary>Non-blank lines with their 1-based numbers; a missing file is a <see cref="FileNotFoundException"/>.</summary>
    public static IEnumerable<(string Line, int Number)> Lines(string path)
    {
        using var reader = OpenText(path);
        foreach (var line in Lines(reader))
        {
            yield return line;
        }
    }

    /// <summary>Non-blank lines of <paramref name="reader"/> with their 1-based numbers.</summary>
    public static IEnumerable<(string Line, int Number)> Lines(TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (line, number);
            }
        }
    }

    private static StreamReader OpenText(string path) =>
        File.Exists(path) ? File.OpenText(path) : throw new FileNotFoundException($"File '{path}' does not exist.", path);

    private static JsonElement ParseObject(string path, string line, int number)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BeirFormatException(path, number, $"expected a JSON object, found {document.RootElement.ValueKind}.");
            }

            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new BeirFormatException(path, number, $"not valid JSON ({ex.Message})", ex);
        }
    }

    private static string RequiredString(string path, int number, JsonElement root, string field)
    {
        var value = root.TryGetProperty(field, out var element) ? AsString(path, number, element, field) : null;
        return string.IsNullOrWhiteSpace(value)
            ? throw new BeirFormatException(path, number, $"field '{field}' is missing or empty.")
            : value.Trim();
    }

    private static string OptionalString(string path, int number, JsonElement root, string field) =>
        root.TryGetProperty(field, out var element) ? AsString(path, number, element, field) ?? string.Empty : string.Empty;

    private static string? AsString(string path, int number, JsonElement element, string field) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Null => null,
        // BEIR ids are strings, but some exports write numeric ids: accept them as their JSON text.
        JsonValueKind.Number => element.GetRawText(),
        _ => throw new BeirFormatException(path, number, $"field '{field}' must be a string, found {element.ValueKind}."),
    };
}
