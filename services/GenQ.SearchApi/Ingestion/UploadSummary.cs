using System.Text.Json.Serialization;

namespace GenQ.SearchApi.Ingestion;

/// <summary>
/// What an upload's answer adds to the run it started (as its <c>upload</c> field): what was read, what was
/// skipped and whether training was queued.
/// </summary>
public sealed record UploadSummary(
    [property: JsonPropertyName("documents")] int Documents,
    [property: JsonPropertyName("passages")] int Passages,
    [property: JsonPropertyName("skipped_empty")] int SkippedEmpty,
    [property: JsonPropertyName("skipped_lines")] IReadOnlyList<int> SkippedLines,
    [property: JsonPropertyName("training_queued")] bool TrainingQueued,
    [property: JsonPropertyName("training")] string Training);
