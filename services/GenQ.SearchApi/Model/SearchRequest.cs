using System.Text.Json.Serialization;

namespace GenQ.SearchApi.Model;

/// <summary>Body of POST /api/search.</summary>
public sealed record SearchRequest(
    [property: JsonPropertyName("corpus")] string? Corpus,
    [property: JsonPropertyName("query")] string? Query,
    [property: JsonPropertyName("top_k")] int? TopK);
