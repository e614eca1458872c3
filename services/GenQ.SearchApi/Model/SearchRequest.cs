using System.Text.Json.Serialization;

namespace GenQ.SearchApi.Model;

/// <summary>Body of POST /api/search. <see cref="Mode"/> is dense, bm25 or hybrid (default: the Search:DefaultMode setting);
/// <see cref="Version"/> pins a published model version instead of the live one.</summary>
public sealed record SearchRequest(
    [property: JsonPropertyName("corpus")] string? Corpus,
    [property: JsonPropertyName("query")] string? Query,
    [property: JsonPropertyName("top_k")] int? TopK,
    [property: JsonPropertyName("mode")] string? Mode = null,
    [property: JsonPropertyName("version")] string? Version = null)
{
    /// <summary>The JSON names of the body's fields, so a problem with one of them can name it.</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.Ordinal) { "corpus", "query", "top_k", "mode", "version" };
}
