namespace GenQ.WebApp.Services;

/// <summary>GET /api/search, optionally pinned to one model version.</summary>
public sealed class SearchClient(HttpClient http)
{
    public Task<ApiResult<SearchResultDto>> SearchAsync(SearchQuery query, string? version, CancellationToken cancellationToken)
    {
        var uri = $"/api/search?corpus={Uri.EscapeDataString(query.Corpus)}&q={Uri.EscapeDataString(query.Text)}" +
            $"&top_k={query.TopK}&mode={Uri.EscapeDataString(query.Mode)}";
        if (version is not null)
        {
            uri += $"&version={Uri.EscapeDataString(version)}";
        }
        return ApiCall.GetAsync(http, uri, WebAppJsonContext.Default.SearchResultDto, cancellationToken);
    }
}
