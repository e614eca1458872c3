using GenQ.Cli.Infrastructure;
using Spectre.Console;

namespace GenQ.Cli.Service;

/// <summary>
/// Exit codes and one-line messages for the service commands' failures, before the shared <see cref="CliErrors"/>:
/// an unreachable API or a failed run is a runtime failure (1); a request the API rejected (4xx) is bad input (2).
/// </summary>
public static class ServiceErrors
{
    public static int Report(CliConsole console, Exception exception)
    {
        if (Classify(exception) is not { } known)
        {
            return CliErrors.Report(console, exception);
        }
        console.Status.MarkupLineInterpolated($"[red]error:[/] {known.Message}");
        return known.Code;
    }

    public static (int Code, string Message)? Classify(Exception exception) => exception switch
    {
        ApiUnreachableException e => (ExitCodes.RuntimeFailure, e.Message),
        ApiProblemException e => (e.IsClientError ? ExitCodes.BadInput : ExitCodes.RuntimeFailure, e.Message),
        RunFailedException e => (ExitCodes.RuntimeFailure, e.Message),
        AggregateException { InnerExceptions.Count: 1 } e => Classify(e.InnerExceptions[0]),
        _ => null,
    };
}
