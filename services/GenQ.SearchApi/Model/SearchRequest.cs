using System.Text.Json.Serialization;

namespace GenQ.SearchApi.Model;

/// <summary>Body of POST /api/search. <see cref="Mode"/> is dense, bm25 or hybrid (default: the Search:DefaultMode setting).</summary>
public sealed record SearchRequest(
    [property: JsonPropertyName("corpus")] string? Corpus,
    [property: JsonPropertyName("query")] string? Query,
    [property: JsonPropertyName("top_k")] int? TopK,
    [property: JsonPropertyName("mode")] string? Mode = null);
