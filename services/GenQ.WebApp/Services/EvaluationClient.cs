using System.Net.Http.Headers;

namespace GenQ.WebApp.Services;

/// <summary>POST /api/corpora/{name}/evaluate: BEIR queries.jsonl and qrels TSV as the multipart parts the API names.</summary>
public sealed class EvaluationClient(HttpClient http)
{
    public Task<ApiResult<EvaluationReportDto>> EvaluateAsync(string corpus, string apiKey, Stream queries, Stream qrels, CancellationToken cancellationToken)
    {
        var form = new MultipartFormDataContent
        {
            { Part(queries, "application/x-ndjson"), "queries", "queries.jsonl" },
            { Part(qrels, "text/tab-separated-values"), "qrels", "qrels.tsv" },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/corpora/{Uri.EscapeDataString(corpus)}/evaluate") { Content = form };
        request.Headers.Add("X-Api-Key", apiKey);
        return ApiCall.SendAsync(http, request, WebAppJsonContext.Default.EvaluationReportDto, cancellationToken);
    }

    private static StreamContent Part(Stream stream, string mediaType)
    {
        var part = new StreamContent(stream);
        part.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return part;
    }
}
