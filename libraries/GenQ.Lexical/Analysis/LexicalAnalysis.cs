using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using GenQ.Lexical.Index;
using Lucene.Net.Util;

namespace GenQ.Lexical.Analysis;

/// <summary>
/// One analysis chain (<see cref="LexicalAnalyzerKind"/>) shared by indexing, querying and the sparse encoder, so a
/// term means the same thing everywhere. Instances are cached per kind and thread-safe (Lucene analyzers keep their
/// token streams per thread). Any Unicode text is accepted: StandardTokenizer splits by UAX #29 word boundaries
/// (ideographs become one term each); the English stop words and stemmer leave non-English words unchanged.
/// </summary>
public sealed class LexicalAnalysis
{
    /// <summary>Lucene compatibility version of every index GenQ writes.</summary>
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly LexicalAnalysis EnglishInstance = new(LexicalAnalyzerKind.English, new EnglishAnalyzer(Version));
    private static readonly LexicalAnalysis StandardInstance = new(LexicalAnalyzerKind.Standard, new StandardAnalyzer(Version));

    private LexicalAnalysis(LexicalAnalyzerKind kind, Analyzer analyzer)
    {
        Kind = kind;
        Analyzer = analyzer;
    }

    /// <summary>The chain this instance applies.</summary>
    public LexicalAnalyzerKind Kind { get; }

    /// <summary>The Lucene analyzer (shared; do not dispose).</summary>
    public Analyzer Analyzer { get; }

    /// <summary>The shared instance for <paramref name="kind"/>.</summary>
    public static LexicalAnalysis For(LexicalAnalyzerKind kind) => kind switch
    {
        LexicalAnalyzerKind.English => EnglishInstance,
        LexicalAnalyzerKind.Standard => StandardInstance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown lexical analyzer kind."),
    };

    /// <summary>The terms of <paramref name="text"/> in order (repeats kept); empty for null, empty or stop-word-only text.</summary>
    public IReadOnlyList<string> Terms(string? text)
    {
        var terms = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return terms;
        }

        using var stream = Analyzer.GetTokenStream(LuceneLexicalFields.Content, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>Each distinct term of <paramref name="text"/> with how often it occurs, in order of first occurrence.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> TermCounts(string? text, out int length)
    {
        var terms = Terms(text);
        length = terms.Count;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var t in terms)
        {
            if (counts.TryGetValue(t, out var n))
            {
                counts[t] = n + 1;
            }
            else
            {
                counts[t] = 1;
                order.Add(t);
            }
        }

        return order.Select(t => new KeyValuePair<string, int>(t, counts[t])).ToList();
    }
}
