namespace GenQ.SearchApi.Evaluation;

/// <summary>An evaluation upload that cannot be used: names the form part (field) and, when known, the 1-based line.</summary>
public sealed class EvaluationInputException(string field, int? line, string problem)
    : Exception(line is { } l ? $"line {l}: {problem}" : problem)
{
    public string Field { get; } = field;

    public int? Line { get; } = line;
}
