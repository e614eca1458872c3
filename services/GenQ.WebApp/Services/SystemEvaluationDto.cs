namespace GenQ.WebApp.Services;

/// <summary>One row of an evaluation report (the web app reads only what it shows; GenQ.Evaluation carries ONNX Runtime).</summary>
public sealed record SystemEvaluationDto(
    string System, string Model, string? Mode, string? ModelVersion, string? Generator, int? TrainingPairs, MetricScoresDto Metrics,
    IReadOnlyDictionary<string, string>? Settings);
