using GenQ.Contracts.Jobs;

namespace GenQ.Queue.Abstractions;

/// <summary>
/// Handles one job. The message is acknowledged only after this returns, so the handler must make its
/// effects durable before returning; throwing leaves the message pending for a retry.
/// </summary>
public interface IJobHandler<in TJob> where TJob : IJob
{
    Task HandleAsync(TJob job, JobContext context, CancellationToken cancellationToken);
}
