using GenQ.Cli.Infrastructure;
using GenQ.Contracts.Runs;
using Spectre.Console;

namespace GenQ.Cli.Service;

/// <summary>
/// Polls GET /api/runs/{id} and shows one progress bar per stage (generating: batches; training and indexing: the
/// fraction the workers report) until the run is ready or failed.
/// </summary>
public sealed class RunWatcher(GenqApiClient client, CliConsole console, TimeSpan interval, TimeSpan? timeout)
{
    public async Task<RunStatus> WatchAsync(string runId, StageClock clock, CancellationToken cancellationToken)
    {
        var status = await client.GetRunAsync(runId, cancellationToken);
        var deadline = timeout is { } t ? DateTimeOffset.UtcNow + t : (DateTimeOffset?)null;
        await console.Status.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var generating = progress.AddTask("generating", maxValue: Math.Max(1, status.BatchCount));
                var training = progress.AddTask("training", autoStart: false, maxValue: 1);
                var indexing = progress.AddTask("indexing", autoStart: false, maxValue: 1);
                while (true)
                {
                    clock.Observe(status.Stage);
                    Show(generating, training, indexing, status);
                    if (status.Stage is RunStage.Ready or RunStage.Failed or RunStage.Cancelled)
                    {
                        return;
                    }
                    if (deadline is { } d && DateTimeOffset.UtcNow > d)
                    {
                        throw new RunFailedException($"run {runId} is still {StageNames.Of(status.Stage)} after {timeout!.Value.TotalMinutes:0.#} minutes; "
                            + $"follow it with `genq api status {runId} --watch`.");
                    }
                    await Task.Delay(interval, cancellationToken);
                    status = await client.GetRunAsync(runId, cancellationToken);
                }
            });
        return status.Stage switch
        {
            RunStage.Failed => throw new RunFailedException($"run {runId} failed: {status.Error ?? "no reason given"} (see the worker logs in the Aspire dashboard)."),
            RunStage.Cancelled => throw new RunFailedException($"run {runId} was cancelled: {status.Error ?? "no reason given"}."),
            _ => status,
        };
    }

    private static void Show(ProgressTask generating, ProgressTask training, ProgressTask indexing, RunStatus status)
    {
        generating.MaxValue = Math.Max(1, status.BatchCount);
        generating.Value = status.Stage > RunStage.Generating && status.Stage is not (RunStage.Failed or RunStage.Cancelled) ? generating.MaxValue : status.BatchesGenerated;
        generating.Description = Markup.Escape($"generating  {status.BatchesGenerated}/{status.BatchCount} batches, {status.PairsStored} pairs"
            + (status.Generator is { } g ? $" ({g})" : ""));
        Stage(training, RunStage.Training, "training", status);
        Stage(indexing, RunStage.Indexing, "indexing", status);
    }

    private static void Stage(ProgressTask task, RunStage stage, string name, RunStatus status)
    {
        if (status.Stage == stage)
        {
            task.StartTask();
            task.Value = Math.Clamp(status.Progress ?? 0, 0, 1);
            task.Description = Markup.Escape(status.Detail is { } detail ? $"{name}  {detail}" : name);
        }
        else if (status.Stage > stage && status.Stage is not (RunStage.Failed or RunStage.Cancelled))
        {
            task.StartTask();
            task.Value = task.MaxValue;
            task.Description = name;
        }
    }
}
