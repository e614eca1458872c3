using GenQ.Cli;
using GenQ.Cli.Infrastructure;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C: stop cleanly (generate and train can resume); a second one kills the process.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

return await GenqApp.Create(CliConsole.CreateStandard()).RunAsync(args, cancellation.Token);
