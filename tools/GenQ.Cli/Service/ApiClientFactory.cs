namespace GenQ.Cli.Service;

/// <summary>
/// Makes the HTTP client of the service commands. <paramref name="handler"/> is the injection point: null uses the
/// real network stack; tests pass the in-process search API's handler (WebApplicationFactory).
/// </summary>
public sealed class ApiClientFactory(HttpMessageHandler? handler = null)
{
    /// <summary>Evaluating a large collection or uploading a big corpus takes minutes.</summary>
    public static TimeSpan RequestTimeout { get; } = TimeSpan.FromMinutes(30);

    public GenqApiClient Create(ApiSettings settings)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = settings.ResolveUrl();
        http.Timeout = RequestTimeout;
        http.DefaultRequestHeaders.Add("X-Api-Key", settings.ResolveKey());
        return new GenqApiClient(http);
    }
}
