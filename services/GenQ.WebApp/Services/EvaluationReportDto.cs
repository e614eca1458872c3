namespace GenQ.WebApp.Services;

/// <summary>The answer of POST /api/corpora/{name}/evaluate.</summary>
public sealed record EvaluationReportDto(string Collection, int Documents, int Queries, int Judgments, IReadOnlyList<SystemEvaluationDto> Systems);
