using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GenQ.Evaluation.Reporting;

/// <summary>Systems compared on one collection: rendered as a markdown table or as JSON.</summary>
public sealed record EvaluationReport
{
    public required string Collection { get; init; }

    public required int Documents { get; init; }

    public required int Queries { get; init; }

    public required int Judgments { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    public required IReadOnlyList<SystemEvaluation> Systems { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, EvaluationJsonContext.Readable.EvaluationReport);

    public static EvaluationReport FromJson(string json) =>
        JsonSerializer.Deserialize(json, EvaluationJsonContext.Default.EvaluationReport)
        ?? throw new InvalidDataException("The evaluation report JSON is empty.");

    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Collection `{Collection}`: {Documents} passages, {Queries} judged queries, {Judgments} judgments.");
        text.AppendLine();
        text.AppendLine("| system | mode | model | version | generator | pairs | training s | nDCG@10 | MRR@10 | Recall@100 | MAP@100 |");
        text.AppendLine("|---|---|---|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var s in Systems)
        {
            text.AppendLine(c,
                $"| {s.System} | {Cell(ModeCell(s))} | {Cell(s.Model)} | {Cell(VersionCell(s))} | {Cell(s.Generator)} | {s.TrainingPairs?.ToString(c) ?? "-"} | {s.TrainingSeconds?.ToString("F0", c) ?? "-"} | {s.Metrics.NdcgAt10:F4} | {s.Metrics.MrrAt10:F4} | {s.Metrics.RecallAt100:F4} | {s.Metrics.MapAt100:F4} |");
        }

        return text.ToString();
    }

    /// <summary>The mode, with the fusion setting for a hybrid row (e.g. "hybrid rrf:60").</summary>
    public static string? ModeCell(SystemEvaluation system) =>
        system.Settings?.TryGetValue(SettingKeys.Fusion, out var fusion) == true ? $"{system.Mode} {fusion}" : system.Mode;

    /// <summary>The model version, marked "(live)" on the rows of the version searches are served from.</summary>
    public static string? VersionCell(SystemEvaluation system) =>
        system.Live == true && system.ModelVersion is not null ? $"{system.ModelVersion} (live)" : system.ModelVersion;

    private static string Cell(string? value) => string.IsNullOrEmpty(value) ? "-" : value.Replace("|", "\\|", StringComparison.Ordinal);
}
