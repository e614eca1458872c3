using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace GenQ.WebApp.Display;

/// <summary>
/// Marks the query's words in a snippet. Passage text is untrusted: every piece of it is HTML-encoded before it is
/// written, and only the &lt;mark&gt; tags this class adds are markup. Words of four letters or more also match longer
/// forms ("missile" marks "missiles"), as BM25's stemming would find them; common words are not marked.
/// </summary>
public static partial class Highlighter
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "i", "in", "is", "it", "of", "on", "or",
        "that", "the", "this", "to", "was", "what", "when", "where", "which", "who", "why", "with",
    };

    public static MarkupString Highlight(string text, string? query) => new(HighlightHtml(text, query));

    /// <summary>The snippet as safe HTML with the query's words in &lt;mark&gt;.</summary>
    public static string HighlightHtml(string text, string? query)
    {
        var terms = Terms(query);
        if (terms.Count == 0)
        {
            return WebUtility.HtmlEncode(text);
        }
        var html = new StringBuilder(text.Length + 32);
        var written = 0;
        foreach (Match match in Pattern(terms).Matches(text))
        {
            html.Append(WebUtility.HtmlEncode(text[written..match.Index]))
                .Append("<mark>").Append(WebUtility.HtmlEncode(match.Value)).Append("</mark>");
            written = match.Index + match.Length;
        }
        return html.Append(WebUtility.HtmlEncode(text[written..])).ToString();
    }

    /// <summary>The query's distinct words, lower case, without common words and single letters.</summary>
    public static IReadOnlyList<string> Terms(string? query) =>
        query is null
            ? []
            : Word().Matches(query).Select(m => m.Value.ToLowerInvariant())
                .Where(w => (w.Length > 1 || char.IsDigit(w[0])) && !StopWords.Contains(w))
                .Distinct(StringComparer.Ordinal).ToList();

    private static Regex Pattern(IReadOnlyList<string> terms)
    {
        // Longest first, so "missiles" is not cut at "missile" by an earlier alternative.
        var alternatives = terms.OrderByDescending(t => t.Length)
            .Select(t => Regex.Escape(t) + (t.Length >= 4 ? @"[\p{L}\p{N}]*" : @"(?![\p{L}\p{N}])"));
        return new Regex(@"(?<![\p{L}\p{N}])(?:" + string.Join('|', alternatives) + ")",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
