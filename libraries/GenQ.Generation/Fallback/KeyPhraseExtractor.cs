using System.Text.RegularExpressions;

namespace GenQ.Generation.Fallback;

/// <summary>
/// RAKE-style key phrases (Rose et al., 2010): candidate phrases are runs of words between stop words and punctuation;
/// each word scores degree / frequency over the passage, a phrase the sum of its words. Highest first, ties by position.
/// </summary>
public static partial class KeyPhraseExtractor
{
    private const int MaxPhraseWords = 4;

    public static IReadOnlyList<string> Extract(string text, int count)
    {
        var phrases = new List<List<string>>();
        foreach (Match fragment in Fragment().Matches(text.ToLowerInvariant()))
        {
            var current = new List<string>();
            foreach (Match word in Word().Matches(fragment.Value))
            {
                if (EnglishStopWords.Words.Contains(word.Value) || word.Value.Length < 2 || current.Count == MaxPhraseWords)
                {
                    Flush(phrases, ref current);
                    if (EnglishStopWords.Words.Contains(word.Value) || word.Value.Length < 2)
                    {
                        continue;
                    }
                }

                current.Add(word.Value);
            }

            Flush(phrases, ref current);
        }

        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var degree = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var phrase in phrases)
        {
            foreach (var word in phrase)
            {
                frequency[word] = frequency.GetValueOrDefault(word) + 1;
                degree[word] = degree.GetValueOrDefault(word) + phrase.Count;
            }
        }

        return phrases
            .Select((phrase, position) => (Text: string.Join(' ', phrase), Position: position,
                Score: phrase.Sum(w => (double)degree[w] / frequency[w])))
            .GroupBy(p => p.Text)
            .Select(g => g.First())
            .OrderByDescending(p => p.Score)
            .ThenBy(p => p.Position)
            .Take(count)
            .Select(p => p.Text)
            .ToList();
    }

    private static void Flush(List<List<string>> phrases, ref List<string> current)
    {
        if (current.Count > 0)
        {
            phrases.Add(current);
            current = [];
        }
    }

    [GeneratedRegex(@"[^.,;:!?()\[\]{}""“”]+")]
    private static partial Regex Fragment();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'\-]*")]
    private static partial Regex Word();
}
