using GenQ.ModelStore;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace GenQ.SearchApi.Errors;

/// <summary>
/// A model version this replica needs could not be fetched as recorded (missing from the store, a corrupt chunk): the
/// replica cannot answer with it, and nothing was installed. 503 problem details that name the version, the file and
/// the hashes, so an operator sees which version to put again; the next request tries the fetch again.
/// </summary>
public sealed partial class ModelUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<ModelUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ModelStoreException)
        {
            return false;
        }
        ModelUnavailable(logger, httpContext.Request.Path, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Model version unavailable",
                Detail = exception.Message,
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Answered 503 to {Path}: model version unavailable ({Reason})")]
    private static partial void ModelUnavailable(ILogger logger, string path, string reason);
}
