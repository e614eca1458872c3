using System.Text;

namespace GenQ.Hybrid.Tuning;

/// <summary>
/// Finds held-out queries that are copies of their own passage: the query's words appear in the passage text
/// contiguously (case, punctuation and spacing ignored). The offline fallback generator's title and RAKE key-phrase
/// queries are such copies (and its inverse-cloze sentence when it stays in the positive); BM25 finds a copied phrase
/// trivially, so tuning on them pulls fusion towards BM25 whatever real users' queries look like. T5 doc2query
/// paraphrases are rarely copies, so excluding copies costs a real generator little.
/// </summary>
public static class VerbatimQueries
{
    public static bool IsCopy(string query, string passageText)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(passageText);
        var q = Normalise(query);
        return q.Length > 2 && Normalise(passageText).Contains(q, StringComparison.Ordinal);
    }

    /// <summary>Lower-case letters and digits, every other run of characters one space, padded with spaces (so matches are whole words).</summary>
    internal static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append(' ');
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        if (builder[^1] != ' ')
        {
            builder.Append(' ');
        }

        return builder.ToString();
    }
}
