using System.Globalization;
using System.Text.Json;

namespace GenQ.SearchApi.Evaluation;

/// <summary>
/// Reads uploaded BEIR <c>queries.jsonl</c> and qrels TSV with the rules of GenQ.Evaluation's <c>BeirReader</c> (which
/// reads files): blank lines skipped, ids trimmed, numeric ids accepted, duplicates and malformed lines rejected with
/// their line number. Errors name the form part as <see cref="EvaluationInputException.Field"/>.
/// </summary>
public static class BeirUploadReader
{
    public static async Task<Dictionary<string, string>> ReadQueriesAsync(Stream stream, string field, CancellationToken cancellationToken)
    {
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var (line, number) in LinesAsync(stream, cancellationToken))
        {
            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(line);
                root = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new EvaluationInputException(field, number, $"not valid JSON ({ex.Message})");
            }
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new EvaluationInputException(field, number, $"expected a JSON object, found {root.ValueKind}");
            }
            var id = AsString(field, number, root, "_id");
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new EvaluationInputException(field, number, "field '_id' is missing or empty");
            }
            if (!queries.TryAdd(id.Trim(), AsString(field, number, root, "text") ?? string.Empty))
            {
                throw new EvaluationInputException(field, number, $"duplicate _id '{id.Trim()}'");
            }
        }
        return queries.Count == 0 ? throw new EvaluationInputException(field, null, "contains no queries") : queries;
    }

    /// <summary>Header <c>query-id\tcorpus-id\tscore</c>, then one integer-graded judgment per line.</summary>
    public static async Task<Dictionary<string, IReadOnlyDictionary<string, int>>> ReadQrelsAsync(
        Stream stream, string field, CancellationToken cancellationToken)
    {
        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var headerSeen = false;
        await foreach (var (line, number) in LinesAsync(stream, cancellationToken))
        {
            var fields = line.Split('\t');
            if (!headerSeen)
            {
                headerSeen = true;
                if (fields.Length >= 3 && fields[0].Trim() == "query-id")
                {
                    continue;
                }
                throw new EvaluationInputException(field, number, "expected the header 'query-id\\tcorpus-id\\tscore'");
            }
            if (fields.Length != 3)
            {
                throw new EvaluationInputException(field, number, $"expected 3 tab-separated fields (query-id, corpus-id, score), found {fields.Length}");
            }
            var (query, doc) = (fields[0].Trim(), fields[1].Trim());
            if (query.Length == 0 || doc.Length == 0)
            {
                throw new EvaluationInputException(field, number, "query-id and corpus-id must not be empty");
            }
            if (!int.TryParse(fields[2].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var score))
            {
                throw new EvaluationInputException(field, number, $"score '{fields[2].Trim()}' is not an integer");
            }
            var judgments = qrels.TryGetValue(query, out var existing) ? existing : qrels[query] = new Dictionary<string, int>(StringComparer.Ordinal);
            if (!judgments.TryAdd(doc, score))
            {
                throw new EvaluationInputException(field, number, $"duplicate judgment for query '{query}' and document '{doc}'");
            }
        }
        if (!headerSeen)
        {
            throw new EvaluationInputException(field, null, "is empty (expected a header and judgments)");
        }
        return qrels.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, int>)kv.Value, StringComparer.Ordinal);
    }

    private static async IAsyncEnumerable<(string Line, int Number)> LinesAsync(
        Stream stream, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (line, number);
            }
        }
    }

    private static string? AsString(string field, int number, JsonElement root, string property) =>
        !root.TryGetProperty(property, out var element) ? null : element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Null => null,
            // BEIR ids are strings, but some exports write numeric ids: accept them as their JSON text.
            JsonValueKind.Number => element.GetRawText(),
            _ => throw new EvaluationInputException(field, number, $"field '{property}' must be a string, found {element.ValueKind}"),
        };
}
