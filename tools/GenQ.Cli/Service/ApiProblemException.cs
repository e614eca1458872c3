using System.Net;

namespace GenQ.Cli.Service;

/// <summary>The search API answered with an error status; the message is its problem details in one line.</summary>
public sealed class ApiProblemException(HttpStatusCode status, ApiProblem? problem, string fallbackBody)
    : Exception(Describe(status, problem, fallbackBody))
{
    public HttpStatusCode Status { get; } = status;

    public ApiProblem? Problem { get; } = problem;

    /// <summary>4xx: the request (input, key, name) was wrong; 5xx: the service failed.</summary>
    public bool IsClientError => (int)Status is >= 400 and < 500;

    private static string Describe(HttpStatusCode status, ApiProblem? problem, string body)
    {
        var head = $"the search API answered {(int)status} {problem?.Title ?? status.ToString()}";
        var errors = problem?.FieldErrors().Select(e => $"{e.Field}: {e.Message}").ToList() ?? [];
        var detail = errors.Count > 0 ? string.Join("; ", errors) : problem?.Detail ?? (body.Length > 300 ? body[..300] : body);
        return string.IsNullOrWhiteSpace(detail) ? head : $"{head}: {detail}";
    }
}
