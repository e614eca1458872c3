using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GenQ.VectorStore.Benchmarks;

/// <summary>
/// Passage texts for the lexical benchmark: words drawn from the word frequencies of the shared BEIR corpora (so
/// posting-list lengths follow real English technical text), 40-160 words each, and the collections' real queries.
/// </summary>
internal sealed partial class SyntheticPassages
{
    private static readonly string[] Collections = ["cranfield", "cisi", "medline", "cacm", "time"];
    private readonly string[] _words;
    private readonly double[] _cumulative;

    private SyntheticPassages(string[] words, double[] cumulative, string[] queries)
    {
        _words = words;
        _cumulative = cumulative;
        Queries = queries;
    }

    /// <summary>The judged queries of all five collections (their text only).</summary>
    public string[] Queries { get; }

    public int Vocabulary => _words.Length;

    public static SyntheticPassages Load(string evalData)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var queries = new List<string>();
        foreach (var name in Collections)
        {
            foreach (var line in File.ReadLines(Path.Combine(evalData, name, "corpus.jsonl")))
            {
                using var json = JsonDocument.Parse(line);
                var text = json.RootElement.GetProperty("title").GetString() + " " + json.RootElement.GetProperty("text").GetString();
                foreach (Match word in Word().Matches(text))
                {
                    counts[word.Value] = counts.GetValueOrDefault(word.Value) + 1;
                }
            }

            foreach (var line in File.ReadLines(Path.Combine(evalData, name, "queries.jsonl")))
            {
                using var json = JsonDocument.Parse(line);
                queries.Add(json.RootElement.GetProperty("text").GetString()!);
            }
        }

        var words = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToArray();
        var cumulative = new double[words.Length];
        double total = 0;
        for (var i = 0; i < words.Length; i++)
        {
            total += words[i].Value;
            cumulative[i] = total;
        }

        return new SyntheticPassages(words.Select(w => w.Key).ToArray(), cumulative, [.. queries]);
    }

    /// <summary>A random (title, text): 3-8 title words, 40-160 text words; deterministic for a seeded <paramref name="random"/>.</summary>
    public (string Title, string Text) Passage(Random random)
    {
        return (Sentence(random, random.Next(3, 9)), Sentence(random, random.Next(40, 161)));
    }

    private string Sentence(Random random, int length)
    {
        var text = new StringBuilder(length * 7);
        for (var w = 0; w < length; w++)
        {
            var at = Array.BinarySearch(_cumulative, random.NextDouble() * _cumulative[^1]);
            text.Append(_words[at < 0 ? Math.Min(~at, _words.Length - 1) : at]).Append(' ');
        }

        return text.ToString(0, text.Length - 1);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
