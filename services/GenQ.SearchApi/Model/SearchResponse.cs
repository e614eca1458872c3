namespace GenQ.SearchApi.Model;

/// <summary>Hits best first, and the model version that answered (the one live when the request started).</summary>
public sealed record SearchResponse(string Corpus, string Query, string ModelVersion, IReadOnlyList<SearchHit> Hits)
{
    /// <summary>dense, bm25 or hybrid.</summary>
    public string Mode { get; init; } = "dense";

    /// <summary>The fusion used in hybrid mode, e.g. "rrf:60" or "weighted:0.7".</summary>
    public string? Fusion { get; init; }
}
