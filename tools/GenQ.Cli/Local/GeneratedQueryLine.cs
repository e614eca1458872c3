using System.Text.Json.Serialization;

namespace GenQ.Cli.Local;

/// <summary>One line of gen-queries.jsonl.</summary>
public sealed record GeneratedQueryLine([property: JsonPropertyName("_id")] string Id, [property: JsonPropertyName("text")] string Text);
