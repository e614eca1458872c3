using System.Collections.Concurrent;
using System.Diagnostics;
using GenQ.Queue.Abstractions;

namespace GenQ.Queue.IntegrationTests;

/// <summary>
/// What the handlers of one test observed. <see cref="Behaviour"/> lets a test decide per call what the handler
/// does (succeed, throw, hang); the counts are recorded only for handlings that completed.
/// </summary>
public sealed class HandlerLog
{
    public ConcurrentDictionary<int, int> Completed { get; } = new();
    public ConcurrentDictionary<string, int> ByConsumer { get; } = new();
    public ConcurrentBag<JobContext> Contexts { get; } = new();
    public ConcurrentBag<ActivityTraceId> TraceIds { get; } = new();
    public int Attempts;
    public Func<TestJob, JobContext, CancellationToken, Task> Behaviour { get; set; } = (_, _, _) => Task.CompletedTask;

    public int CompletedTotal => Completed.Values.Sum();
}

public sealed class RecordingHandler(HandlerLog log, ConsumerIdentity identity) : IJobHandler<TestJob>
{
    public async Task HandleAsync(TestJob job, JobContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref log.Attempts);
        if (Activity.Current is { } activity)
        {
            log.TraceIds.Add(activity.TraceId);
        }
        await log.Behaviour(job, context, cancellationToken);
        log.Contexts.Add(context);
        log.Completed.AddOrUpdate(job.Number, 1, (_, count) => count + 1);
        log.ByConsumer.AddOrUpdate(identity.Name, 1, (_, count) => count + 1);
    }
}

public sealed record ConsumerIdentity(string Name);
