using System.Text.Json;
using GenQ.Contracts.Jobs;

namespace GenQ.GeneratorScaling.Benchmarks;

/// <summary>Real passages, read at run time from a BEIR corpus.jsonl (never copied into the repository).</summary>
internal static class BeirPassages
{
    /// <summary>The first <paramref name="count"/> documents with non-empty text, in file order.</summary>
    public static IReadOnlyList<PassageRecord> ReadFirst(string collectionFolder, int count)
    {
        var path = Path.Combine(collectionFolder, "corpus.jsonl");
        var passages = new List<PassageRecord>(count);
        foreach (var line in File.ReadLines(path))
        {
            if (passages.Count == count)
            {
                break;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var text = root.TryGetProperty("text", out var t) ? t.GetString() : null;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var title = root.TryGetProperty("title", out var ti) ? ti.GetString() ?? string.Empty : string.Empty;
            passages.Add(new PassageRecord(root.GetProperty("_id").GetString()!, title, text));
        }

        if (passages.Count < count)
        {
            throw new InvalidOperationException($"{path} has only {passages.Count} documents with text; {count} were asked for.");
        }

        return passages;
    }
}
