namespace GenQ.SearchApi.Model;

/// <summary>Hits best first, and the model version that answered (the one live when the request started).</summary>
public sealed record SearchResponse(string Corpus, string Query, string ModelVersion, IReadOnlyList<SearchHit> Hits);
