namespace GenQ.SearchApi.Model;

/// <summary>One hit. In hybrid mode <see cref="Score"/> is the fused score and the ranks say where each side had it.</summary>
public sealed record SearchHit(string PassageId, string Title, string Snippet, float Score)
{
    /// <summary>Rank in the dense candidate list (hybrid mode; null when only BM25 found it).</summary>
    public int? DenseRank { get; init; }

    /// <summary>Rank in the BM25 candidate list (hybrid mode; null when only the dense side found it).</summary>
    public int? Bm25Rank { get; init; }
}
