using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using StackExchange.Redis;

namespace GenQ.SearchApi.Errors;

/// <summary>
/// Redis unreachable (down, restarting, or not answering in time) is the service being unavailable, not a bug:
/// 503 problem details with <c>Retry-After</c>, so clients and the CLI retry instead of reporting a crash.
/// </summary>
public sealed partial class RedisUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<RedisUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (RedisConnectionException or RedisTimeoutException))
        {
            return false;
        }
        RedisUnavailable(logger, httpContext.Request.Path, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Run store unavailable",
                Detail = $"Redis, which holds runs and corpora, cannot be reached right now. Retry in {RetryAfterSeconds} s.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503 to {Path}: Redis unavailable ({Reason})")]
    private static partial void RedisUnavailable(ILogger logger, string path, string reason);
}
