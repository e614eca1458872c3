namespace GenQ.Hybrid;

/// <summary>Parsing and naming of <see cref="SearchMode"/> as it appears in the CLI, the API and reports ("dense", "bm25", "hybrid").</summary>
public static class SearchModes
{
    public static IReadOnlyList<SearchMode> All { get; } = [SearchMode.Dense, SearchMode.Bm25, SearchMode.Hybrid];

    public static SearchMode Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim().ToLowerInvariant() switch
        {
            "dense" => SearchMode.Dense,
            "bm25" => SearchMode.Bm25,
            "hybrid" => SearchMode.Hybrid,
            _ => throw new ArgumentException($"Search mode '{value}' is not known; use dense, bm25 or hybrid.", nameof(value)),
        };
    }

    /// <summary>A comma-separated list such as "dense,bm25,hybrid"; duplicates are dropped, the order is kept.</summary>
    public static IReadOnlyList<SearchMode> ParseList(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var modes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).Distinct().ToList();
        return modes.Count > 0 ? modes : throw new ArgumentException($"Search mode list '{value}' is empty; use e.g. dense,bm25,hybrid.", nameof(value));
    }

    public static string Name(this SearchMode mode) => mode switch
    {
        SearchMode.Dense => "dense",
        SearchMode.Bm25 => "bm25",
        SearchMode.Hybrid => "hybrid",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown search mode."),
    };
}
