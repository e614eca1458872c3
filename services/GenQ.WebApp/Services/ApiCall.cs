using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace GenQ.WebApp.Services;

/// <summary>
/// One way every typed client calls the API: a success is deserialized, a failure becomes an <see cref="ApiProblem"/>
/// read from the API's problem details, and an API that is down or too slow becomes a problem too, never an exception
/// a page would have to catch.
/// </summary>
internal static class ApiCall
{
    public static async Task<ApiResult<T>> SendAsync<T>(HttpClient http, HttpRequestMessage request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsUnreachable(ex))
        {
            return ApiResult<T>.Failure(ApiProblem.Unreachable(ex is HttpRequestException ? ex.Message : "it did not answer in time"));
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                return ApiResult<T>.Failure(await ReadProblemAsync(response, cancellationToken));
            }
            var value = await response.Content.ReadFromJsonAsync(type, cancellationToken);
            return value is null
                ? ApiResult<T>.Failure(new ApiProblem("Empty answer", "The search API answered without a body.", (int)response.StatusCode, new Dictionary<string, string[]>()))
                : ApiResult<T>.Success(value);
        }
    }

    public static Task<ApiResult<T>> GetAsync<T>(HttpClient http, string uri, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        SendAsync(http, new HttpRequestMessage(HttpMethod.Get, uri), type, cancellationToken);

    private static bool IsUnreachable(Exception ex) =>
        ex is HttpRequestException or TaskCanceledException or TimeoutRejectedException or BrokenCircuitException;

    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync(WebAppJsonContext.Default.ProblemDetailsDto, cancellationToken);
            if (problem?.Title is not null || problem?.Errors is not null)
            {
                return new ApiProblem(problem.Title ?? Describe(response.StatusCode), problem.Detail, status,
                    problem.Errors ?? new Dictionary<string, string[]>());
            }
        }
        catch (JsonException)
        {
            // Not problem details (a proxy's page, an empty body): the status line says enough.
        }
        return new ApiProblem(Describe(response.StatusCode), $"The search API answered {status} {response.ReasonPhrase}.", status, new Dictionary<string, string[]>());
    }

    private static string Describe(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "API key missing or wrong",
        HttpStatusCode.NotFound => "Not found",
        HttpStatusCode.RequestEntityTooLarge => "Upload too large",
        >= HttpStatusCode.InternalServerError => "The search API failed",
        _ => "The request was not accepted",
    };
}
