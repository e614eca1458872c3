using System.Text.Json.Serialization;

namespace GenQ.Cli.Local;

/// <summary>One line of gen-positives.jsonl: the text a passage is trained against instead of itself.</summary>
public sealed record GeneratedPositiveLine([property: JsonPropertyName("_id")] string PassageId, [property: JsonPropertyName("text")] string Text);
