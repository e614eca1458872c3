using GenQ.Lexical;
using GenQ.Lexical.Analysis;

namespace GenQ.Evaluation.Retrieval;

/// <summary>
/// BM25 settings of the evaluation, the same knobs (and defaults) as served lexical search (GenQ.Lexical), so the
/// evaluated numbers are the served BM25's numbers. k1 = 0.9, b = 0.4 are Anserini's / Pyserini's BEIR "flat" BM25
/// settings (Lucene's own defaults are 1.2 / 0.75).
/// </summary>
public sealed record Bm25Options
{
    public float K1 { get; init; } = Bm25Parameters.Default.K1;

    public float B { get; init; } = Bm25Parameters.Default.B;

    /// <summary>Analysis of passages and queries (English by default: it measured better, docs/benchmarks/lexical.md).</summary>
    public LexicalAnalyzerKind Analyzer { get; init; } = LexicalAnalyzerKind.English;

    /// <summary>Hits kept per query (100 covers Recall@100 and MAP@100).</summary>
    public int Depth { get; init; } = 100;

    /// <summary>k1 and b as GenQ.Lexical takes them.</summary>
    public Bm25Parameters Parameters => new(K1, B);
}
