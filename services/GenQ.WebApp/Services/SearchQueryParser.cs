namespace GenQ.WebApp.Services;

/// <summary>
/// The search URL's parameters as a query: none when there is nothing to search, an unknown mode becomes hybrid and top k
/// is kept within what the API accepts, so a hand-edited URL still searches instead of failing.
/// </summary>
public static class SearchQueryParser
{
    public static SearchQuery? Parse(string? corpus, string? text, string? mode, int? topK) =>
        string.IsNullOrWhiteSpace(corpus) || string.IsNullOrWhiteSpace(text)
            ? null
            : new SearchQuery(corpus.Trim(), text.Trim(),
                SearchQuery.Modes.Contains(mode?.Trim().ToLowerInvariant()) ? mode!.Trim().ToLowerInvariant() : "hybrid",
                Math.Clamp(topK ?? SearchQuery.DefaultTopK, 1, SearchQuery.MaxTopK));
}
