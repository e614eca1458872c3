using GenQ.Contracts.Runs;

namespace GenQ.WebApp.Services;

/// <summary>GET /api/runs/{id}: the run's status with its hybrid tuning and promotion decision once it has them.</summary>
public sealed class RunClient(HttpClient http)
{
    public Task<ApiResult<RunStatus>> GetAsync(string runId, CancellationToken cancellationToken) =>
        ApiCall.GetAsync(http, $"/api/runs/{Uri.EscapeDataString(runId)}", WebAppJsonContext.Default.RunStatus, cancellationToken);
}
