using GenQ.Evaluation.Data;
using GenQ.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Infrastructure;

/// <summary>Turns any exception into one clear line on the status console and an exit code (2 bad input, 1 runtime).</summary>
public static class CliErrors
{
    public static int Report(CliConsole console, Exception exception)
    {
        var (code, message) = Classify(exception);
        console.Status.MarkupLineInterpolated($"[red]error:[/] {message}");
        return code;
    }

    public static (int Code, string Message) Classify(Exception exception) => exception switch
    {
        CommandAppException e => (ExitCodes.BadInput, e.Message),
        CliUsageException e => (ExitCodes.BadInput, e.Message),
        BeirFormatException e => (ExitCodes.BadInput, e.Message),
        FileNotFoundException e => (ExitCodes.BadInput, e.Message),
        DirectoryNotFoundException e => (ExitCodes.BadInput, e.Message),
        TrainingDataException e => (ExitCodes.BadInput, e.Message),
        ArgumentException e => (ExitCodes.BadInput, e.Message),
        InvalidDataException e => (ExitCodes.BadInput, e.Message),
        OperationCanceledException => (ExitCodes.RuntimeFailure, "interrupted; run the same command again to resume."),
        AggregateException { InnerExceptions.Count: 1 } e => Classify(e.InnerExceptions[0]),
        _ => (ExitCodes.RuntimeFailure, $"{exception.GetType().Name}: {exception.Message}"),
    };
}
