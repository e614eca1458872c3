using System.Text.Json;

namespace GenQ.Training.Benchmarks;

/// <summary>Reads BEIR corpora from ../shared/eval-data (found by walking up from the working directory or the app).</summary>
internal static class EvalData
{
    public static string Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "eval-data");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("shared/eval-data not found above the working directory or the application folder.");
    }

    /// <summary>(title, text) of each document of a BEIR corpus.jsonl.</summary>
    public static List<(string Title, string Text)> ReadCorpus(string corpus)
    {
        var path = Path.Combine(Locate(), corpus, "corpus.jsonl");
        var result = new List<(string, string)>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var title = doc.RootElement.TryGetProperty("title", out var t) ? t.GetString() ?? string.Empty : string.Empty;
            var text = doc.RootElement.TryGetProperty("text", out var x) ? x.GetString() ?? string.Empty : string.Empty;
            result.Add((title, text));
        }

        return result;
    }
}
