namespace GenQ.SearchApi.Evaluation;

/// <summary>The <c>modes</c> form field: a comma list of retrieval modes; empty means every mode available.</summary>
public static class EvaluationModes
{
    public const string Field = "modes";

    public static IReadOnlyList<string> Known { get; } = ["dense", "bm25", "hybrid"];

    /// <summary>The modes asked for, or null for "all available"; an unknown mode throws naming the field.</summary>
    public static IReadOnlySet<string>? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var modes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mode in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var normalized = mode.ToLowerInvariant();
            if (!Known.Contains(normalized))
            {
                throw new EvaluationInputException(Field, null, $"unknown mode '{mode}' (expected a comma list of {string.Join(", ", Known)})");
            }
            modes.Add(normalized);
        }
        return modes.Count == 0 ? null : modes;
    }
}
