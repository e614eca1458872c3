using System.Text.Json.Serialization;

namespace GenQ.SearchApi.Ingestion;

/// <summary>One line of a BEIR corpus file: <c>{"_id", "title", "text"}</c>.</summary>
public sealed record CorpusDocument(
    [property: JsonPropertyName("_id")] string? Id,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("text")] string? Text);
