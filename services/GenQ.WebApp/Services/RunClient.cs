using System.Text.Json;

namespace GenQ.WebApp.Services;

/// <summary>GET /api/runs/{id}.</summary>
public sealed class RunClient(HttpClient http)
{
    public async Task<ApiResult<RunView>> GetAsync(string runId, CancellationToken cancellationToken)
    {
        var result = await ApiCall.GetAsync(http, $"/api/runs/{Uri.EscapeDataString(runId)}", WebAppJsonContext.Default.JsonElement, cancellationToken);
        if (result.Problem is not null)
        {
            return ApiResult<RunView>.Failure(result.Problem);
        }
        var json = result.Value;
        var status = json.Deserialize(WebAppJsonContext.Default.RunStatus)!;
        var promotion = json.TryGetProperty("promotion", out var p) && p.ValueKind == JsonValueKind.Object ? p : (JsonElement?)null;
        return ApiResult<RunView>.Success(new RunView(status, promotion));
    }
}
