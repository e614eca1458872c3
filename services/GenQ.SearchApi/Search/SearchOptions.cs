using GenQ.Hybrid;

namespace GenQ.SearchApi.Search;

/// <summary>Search behaviour, bound from the <c>Search</c> section.</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Search";

    /// <summary>Mode used when a request names none: dense, bm25 or hybrid.</summary>
    public SearchMode DefaultMode { get; set; } = SearchMode.Hybrid;

    /// <summary>
    /// Candidates taken from each side before hybrid fusion. 100 is what the fusion was tuned with (the tuner and the
    /// evaluation use the same depth), so the served ranking is the one that was measured.
    /// </summary>
    public int HybridCandidateDepth { get; set; } = 100;
}
