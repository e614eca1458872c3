using System.Text.Json;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// Reads a BEIR collection from ../shared/eval-data (found by walking up from the working directory, then from the
/// app); never copied into the repository.
/// </summary>
internal static class EvalData
{
    public static string Folder(string name)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "eval-data", name);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"shared/eval-data/{name} was not found above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'; run from the repository (../shared/eval-data).");
    }

    /// <summary>(_id, title, text) per line of corpus.jsonl.</summary>
    public static List<(string Id, string Title, string Text)> Corpus(string folder)
        => Lines(Path.Combine(folder, "corpus.jsonl"), root => (Str(root, "_id"), root.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "", Str(root, "text")));

    /// <summary>(_id, text) per line of queries.jsonl.</summary>
    public static List<(string Id, string Text)> Queries(string folder)
        => Lines(Path.Combine(folder, "queries.jsonl"), root => (Str(root, "_id"), Str(root, "text")));

    private static List<T> Lines<T>(string path, Func<JsonElement, T> read)
    {
        var result = new List<T>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                result.Add(read(doc.RootElement));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"'{path}' line {number}: {ex.Message}", ex);
            }
        }

        return result;
    }

    private static string Str(JsonElement root, string name) => root.GetProperty(name).GetString() ?? throw new InvalidDataException($"'{name}' is null.");
}
