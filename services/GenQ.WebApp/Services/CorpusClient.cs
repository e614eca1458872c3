using System.Net;
using System.Text.Json;

namespace GenQ.WebApp.Services;

/// <summary>GET /api/corpora, /api/corpora/{name} and, where the API has it, /api/corpora/{name}/versions.</summary>
public sealed class CorpusClient(HttpClient http)
{
    public Task<ApiResult<List<CorpusSummaryDto>>> ListAsync(CancellationToken cancellationToken) =>
        ApiCall.GetAsync(http, "/api/corpora", WebAppJsonContext.Default.ListCorpusSummaryDto, cancellationToken);

    public Task<ApiResult<CorpusSummaryDto>> GetAsync(string name, CancellationToken cancellationToken) =>
        ApiCall.GetAsync(http, $"/api/corpora/{Uri.EscapeDataString(name)}", WebAppJsonContext.Default.CorpusSummaryDto, cancellationToken);

    /// <summary>
    /// Every model version of the corpus as the API describes it, or null when the API has no such endpoint (an older
    /// API answers 404): the page then leaves that section out. Read as JSON so new fields show without a web release.
    /// </summary>
    public async Task<ApiResult<JsonElement>?> GetVersionsAsync(string name, CancellationToken cancellationToken)
    {
        var result = await ApiCall.GetAsync(http, $"/api/corpora/{Uri.EscapeDataString(name)}/versions", WebAppJsonContext.Default.JsonElement, cancellationToken);
        return result.Problem?.Status == (int)HttpStatusCode.NotFound ? null : result;
    }
}
