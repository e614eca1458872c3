using GenQ.Lexical.Analysis;

namespace GenQ.Lexical.Index;

/// <summary>How a <see cref="LuceneLexicalIndex"/> analyses and scores.</summary>
public sealed record LexicalIndexOptions
{
    /// <summary>Analysis of documents and queries. A reopened on-disk index keeps the analysis it was written with.</summary>
    public LexicalAnalyzerKind Analyzer { get; init; } = LexicalAnalyzerKind.English;

    /// <summary>BM25 k1 and b (query-time only in Lucene: an index can be searched with other values).</summary>
    public Bm25Parameters Parameters { get; init; } = Bm25Parameters.Default;

    /// <summary>
    /// Merge segments in the background while writing (Lucene's default). Off for an index filled by many short
    /// open-add-commit sessions and then <see cref="LuceneLexicalIndex.Optimize"/>d once: every document is then merged
    /// exactly once, instead of by merges that each closing writer would abort.
    /// </summary>
    public bool MergeWhileWriting { get; init; } = true;
}
