using System.Text.Json.Serialization;

namespace GenQ.SearchApi.Ingestion;

/// <summary>
/// What an upload's answer adds to the run it started (as its <c>upload</c> field): what was read, what was
/// skipped, whether training was queued (for an append: whether it retrains the corpus) and the upload mode.
/// </summary>
public sealed record UploadSummary(
    [property: JsonPropertyName("documents")] int Documents,
    [property: JsonPropertyName("passages")] int Passages,
    [property: JsonPropertyName("skipped_empty")] int SkippedEmpty,
    [property: JsonPropertyName("skipped_lines")] IReadOnlyList<int> SkippedLines,
    [property: JsonPropertyName("training_queued")] bool TrainingQueued,
    [property: JsonPropertyName("training")] string Training,
    [property: JsonPropertyName("mode")] GenQ.Contracts.Runs.UploadMode Mode = GenQ.Contracts.Runs.UploadMode.Replace);
