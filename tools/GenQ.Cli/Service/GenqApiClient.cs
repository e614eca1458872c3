using GenQ.Contracts.Corpora;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GenQ.Contracts.Runs;
using GenQ.Evaluation.Reporting;

namespace GenQ.Cli.Service;

/// <summary>
/// The search API over HTTP: uploads, run status, evaluation, demo and search. Transport failures become
/// <see cref="ApiUnreachableException"/>, error statuses <see cref="ApiProblemException"/> with the problem details.
/// </summary>
public sealed class GenqApiClient(HttpClient http) : IDisposable
{
    public Uri BaseAddress => http.BaseAddress!;

    /// <summary>
    /// Streams a corpus file (BEIR JSON lines, or plain text for .txt) to POST /api/corpora/{corpus}/documents; with
    /// <paramref name="append"/> as <c>?mode=append</c> (added to the corpus instead of replacing it).
    /// </summary>
    public async Task<RunStatus> UploadDocumentsAsync(string corpus, string path, CancellationToken cancellationToken, bool append = false)
    {
        await using var file = File.OpenRead(path);
        using var content = new StreamContent(file);
        var plainText = string.Equals(Path.GetExtension(path), ".txt", StringComparison.OrdinalIgnoreCase);
        content.Headers.ContentType = new MediaTypeHeaderValue(plainText ? "text/plain" : "application/x-ndjson") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/corpora/{Uri.EscapeDataString(corpus)}/documents{(append ? "?mode=append" : "")}") { Content = content };
        return await SendAsync(request, ServiceJsonContext.Default.RunStatus, cancellationToken);
    }

    public async Task<RunStatus> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/runs/{Uri.EscapeDataString(runId)}");
        return await SendAsync(request, ServiceJsonContext.Default.RunStatus, cancellationToken);
    }

    public async Task<RunStatus> StartDemoAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/demo");
        return await SendAsync(request, ServiceJsonContext.Default.RunStatus, cancellationToken);
    }

    /// <summary>POST /api/corpora/{corpus}/evaluate with the two files as the parts 'queries' and 'qrels'.</summary>
    public async Task<(EvaluationReport Report, string Json)> EvaluateAsync(
        string corpus, string queriesPath, string qrelsPath, string? modes, string? versions, CancellationToken cancellationToken)
    {
        await using var queries = File.OpenRead(queriesPath);
        await using var qrels = File.OpenRead(qrelsPath);
        using var form = new MultipartFormDataContent
        {
            { new StreamContent(queries), "queries", Path.GetFileName(queriesPath) },
            { new StreamContent(qrels), "qrels", Path.GetFileName(qrelsPath) },
        };
        if (!string.IsNullOrWhiteSpace(modes))
        {
            form.Add(new StringContent(modes), "modes");
        }
        if (!string.IsNullOrWhiteSpace(versions))
        {
            form.Add(new StringContent(versions), "versions");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/corpora/{Uri.EscapeDataString(corpus)}/evaluate") { Content = form };
        using var response = await SendRawAsync(request, cancellationToken);
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        return (EvaluationReport.FromJson(json), json);
    }

    /// <summary>GET /api/search; null when the corpus is not searchable (unknown, or its first indexing is not done).</summary>
    public async Task<ApiSearchResponse?> TrySearchAsync(string corpus, string query, int topK, string? mode, CancellationToken cancellationToken)
    {
        var url = $"api/search?corpus={Uri.EscapeDataString(corpus)}&q={Uri.EscapeDataString(query)}&top_k={topK}"
            + (mode is null ? "" : $"&mode={Uri.EscapeDataString(mode)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        try
        {
            return await SendAsync(request, ServiceJsonContext.Default.ApiSearchResponse, cancellationToken);
        }
        catch (ApiProblemException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>GET /api/corpora/{corpus}/versions.</summary>
    public async Task<IReadOnlyList<CorpusVersion>> ListVersionsAsync(string corpus, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/corpora/{Uri.EscapeDataString(corpus)}/versions");
        return await SendAsync(request, ServiceJsonContext.Default.IReadOnlyListCorpusVersion, cancellationToken);
    }

    /// <summary>POST /api/corpora/{corpus}/versions/{version}/promote; returns the version, now live.</summary>
    public async Task<CorpusVersion> PromoteAsync(string corpus, string version, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"api/corpora/{Uri.EscapeDataString(corpus)}/versions/{Uri.EscapeDataString(version)}/promote");
        return await SendAsync(request, ServiceJsonContext.Default.CorpusVersion, cancellationToken);
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(request, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(body, type, cancellationToken)
            ?? throw new InvalidDataException($"The search API answered {request.RequestUri} with an empty body.");
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ApiUnreachableException(BaseAddress, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ApiUnreachableException(BaseAddress, new TimeoutException($"no answer within {http.Timeout.TotalMinutes:F0} minutes", ex));
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new ApiProblemException(response.StatusCode, TryParseProblem(text), text);
        }
    }

    private static ApiProblem? TryParseProblem(string text)
    {
        try
        {
            return text.TrimStart().StartsWith('{') ? JsonSerializer.Deserialize(text, ServiceJsonContext.Default.ApiProblem) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => http.Dispose();
}
