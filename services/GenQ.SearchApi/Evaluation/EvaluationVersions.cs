namespace GenQ.SearchApi.Evaluation;

/// <summary>
/// The <c>versions</c> form field: empty or "live" evaluates the live and the base (zero-shot) versions, the comparison
/// that matters; "all" adds the superseded ones (neither live nor base).
/// </summary>
public static class EvaluationVersions
{
    public const string Field = "versions";

    /// <summary>True for "all"; an unknown value throws naming the field.</summary>
    public static bool Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "live" => false,
        "all" => true,
        _ => throw new EvaluationInputException(Field, null, $"unknown value '{value}' (expected 'live' or 'all')"),
    };
}
