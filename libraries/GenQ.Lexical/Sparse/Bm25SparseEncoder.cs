using GenQ.Contracts.Jobs;
using GenQ.Lexical.Analysis;

namespace GenQ.Lexical.Sparse;

/// <summary>
/// BM25 as sparse vectors for Qdrant with <c>Modifier.Idf</c>. A document's weight for term t is the term-frequency
/// part of BM25, tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl)), with dl its analysed length and avgdl from
/// <see cref="LexicalCorpusStatistics"/>; a query's weight for t is how often t occurs in it. Qdrant multiplies each
/// matching pair by its IDF, ln(1 + (N − n + 0.5)/(n + 0.5)), and sums: exactly BM25, with dl exact rather than
/// Lucene's one-byte approximation. Indices are <see cref="TermHash.Fnv1a"/> of the term (see there for collisions).
/// </summary>
public sealed class Bm25SparseEncoder
{
    private readonly LexicalAnalysis _analysis;

    public Bm25SparseEncoder(LexicalCorpusStatistics statistics, Bm25Parameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        if (!double.IsFinite(statistics.AverageDocumentLength) || statistics.AverageDocumentLength <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(statistics), statistics.AverageDocumentLength,
                $"{nameof(LexicalCorpusStatistics.AverageDocumentLength)} must be a positive number.");
        }

        Statistics = statistics;
        Parameters = (parameters ?? Bm25Parameters.Default).Validate();
        _analysis = LexicalAnalysis.For(statistics.Analyzer);
    }

    public LexicalCorpusStatistics Statistics { get; }

    public Bm25Parameters Parameters { get; }

    /// <summary>Document vector of a passage (title + " " + text, as the Lucene index analyses it).</summary>
    public SparseVector EncodeDocument(string title, string text) => EncodeDocument(PassageText.Compose(title, text));

    /// <summary>Document vector of an already composed text.</summary>
    public SparseVector EncodeDocument(string text)
    {
        var counts = _analysis.TermCounts(text, out var length);
        double k1 = Parameters.K1;
        double b = Parameters.B;
        var norm = k1 * (1 - b + (b * length / Statistics.AverageDocumentLength));
        return Build(counts, tf => (float)(tf * (k1 + 1) / (tf + norm)));
    }

    /// <summary>Query vector: each distinct analysed term with its count.</summary>
    public SparseVector EncodeQuery(string queryText) => Build(_analysis.TermCounts(queryText, out _), tf => tf);

    private static SparseVector Build(IReadOnlyList<KeyValuePair<string, int>> counts, Func<int, float> weight)
    {
        var byIndex = new SortedDictionary<uint, float>();
        foreach (var (term, tf) in counts)
        {
            var index = TermHash.Fnv1a(term);
            byIndex[index] = byIndex.GetValueOrDefault(index) + weight(tf); // a hash collision adds the two weights
        }

        return new SparseVector([.. byIndex.Keys], [.. byIndex.Values]);
    }
}
