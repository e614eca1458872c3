using System.Net.Http.Headers;
using GenQ.Contracts.Runs;

namespace GenQ.WebApp.Services;

/// <summary>
/// POST /api/corpora/{name}/documents: the file as it is, streamed, with the key the person typed; <c>mode=append</c> adds
/// the documents to the corpus instead of replacing it.
/// </summary>
public sealed class UploadClient(HttpClient http)
{
    public Task<ApiResult<RunStatus>> UploadAsync(string corpus, string apiKey, Stream file, UploadFormat format, UploadMode mode, CancellationToken cancellationToken)
    {
        var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(format == UploadFormat.PlainText ? "text/plain" : "application/x-ndjson") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/corpora/{Uri.EscapeDataString(corpus)}/documents{(mode == UploadMode.Append ? "?mode=append" : "")}") { Content = content };
        request.Headers.Add("X-Api-Key", apiKey);
        return ApiCall.SendAsync(http, request, WebAppJsonContext.Default.RunStatus, cancellationToken);
    }
}
