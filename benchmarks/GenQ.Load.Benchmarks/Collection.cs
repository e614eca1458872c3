using System.Text.Json;

namespace GenQ.Load.Benchmarks;

/// <summary>A BEIR folder: the corpus as NDJSON lines to upload and the query texts to search.</summary>
internal sealed record Collection(string Name, IReadOnlyList<string> CorpusLines, IReadOnlyList<string> Queries, int EmptyDocuments)
{
    public static Collection Load(string folder)
    {
        var lines = new List<string>();
        var empty = 0;
        foreach (var line in File.ReadLines(Path.Combine(folder, "corpus.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            using var doc = JsonDocument.Parse(line);
            var title = doc.RootElement.TryGetProperty("title", out var t) ? t.GetString() : null;
            var text = doc.RootElement.TryGetProperty("text", out var x) ? x.GetString() : null;
            // Empty documents are dropped here so the upload is accepted whether or not the API skips them itself.
            if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(text))
            {
                empty++;
                continue;
            }
            lines.Add(line);
        }
        var queries = File.ReadLines(Path.Combine(folder, "queries.jsonl"))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!.Trim())
            .Where(q => q.Length > 0)
            .ToList();
        return new Collection(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), lines, queries, empty);
    }

    public string Ndjson(int skip = 0, int take = int.MaxValue) => string.Join('\n', CorpusLines.Skip(skip).Take(take));
}
