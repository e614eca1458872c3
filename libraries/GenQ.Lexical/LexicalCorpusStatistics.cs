using GenQ.Contracts.Jobs;
using GenQ.Lexical.Analysis;

namespace GenQ.Lexical;

/// <summary>
/// Corpus-wide numbers BM25 document weights need before the whole corpus is indexed (Qdrant computes IDF itself but
/// not the average length): how many documents and their average analysed length, with the analysis used to count.
/// </summary>
/// <param name="Analyzer">Analysis the lengths were counted with (must match the index's).</param>
/// <param name="DocumentCount">Documents counted.</param>
/// <param name="AverageDocumentLength">Mean number of terms per document after analysis (avgdl), above 0.</param>
public sealed record LexicalCorpusStatistics(LexicalAnalyzerKind Analyzer, long DocumentCount, double AverageDocumentLength)
{
    /// <summary>
    /// Counts the analysed length of every text (compose passages with <see cref="PassageText.Compose"/>). An empty
    /// corpus, or one whose texts have no terms, gets an average length of 1 so weights stay finite.
    /// </summary>
    public static LexicalCorpusStatistics Compute(IEnumerable<string> texts, LexicalAnalyzerKind analyzer = LexicalAnalyzerKind.English,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var analysis = LexicalAnalysis.For(analyzer);
        long documents = 0;
        long terms = 0;
        foreach (var text in texts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            documents++;
            terms += analysis.Terms(text).Count;
        }

        var average = documents == 0 || terms == 0 ? 1.0 : (double)terms / documents;
        return new LexicalCorpusStatistics(analyzer, documents, average);
    }
}
