namespace GenQ.Hybrid;

/// <summary>How a query is answered: the bi-encoder alone, BM25 alone, or both fused (<see cref="Fusion.RankFusion"/>).</summary>
public enum SearchMode
{
    Dense,
    Bm25,
    Hybrid,
}
