namespace GenQ.Evaluation.Retrieval;

/// <summary>
/// BM25 parameters of the Lucene baseline. k1 = 0.9, b = 0.4 are Anserini's / Pyserini's BEIR "flat" BM25 settings
/// (Lucene's own defaults are 1.2 / 0.75).
/// </summary>
public sealed record Bm25Options
{
    public float K1 { get; init; } = 0.9f;

    public float B { get; init; } = 0.4f;

    /// <summary>Hits kept per query (100 covers Recall@100 and MAP@100).</summary>
    public int Depth { get; init; } = 100;
}
