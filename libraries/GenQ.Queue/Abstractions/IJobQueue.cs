using GenQ.Contracts.Jobs;

namespace GenQ.Queue.Abstractions;

/// <summary>Publishes typed jobs onto their work queue.</summary>
public interface IJobQueue
{
    /// <summary>
    /// Publishes <paramref name="job"/> and returns its message id. Pass a deterministic <paramref name="messageId"/>
    /// when the same logical job may be published twice (e.g. by a redelivered handler): consumers handle an id once.
    /// </summary>
    Task<string> PublishAsync<TJob>(TJob job, string? messageId = null, CancellationToken cancellationToken = default)
        where TJob : IJob;
}
