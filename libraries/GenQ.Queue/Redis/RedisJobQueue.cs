using System.Diagnostics;
using GenQ.Contracts.Jobs;
using GenQ.Queue.Abstractions;
using StackExchange.Redis;

namespace GenQ.Queue.Redis;

/// <summary>Publishes jobs as entries of the queue's Redis stream, with the trace context inside the entry.</summary>
public sealed class RedisJobQueue(IConnectionMultiplexer redis, JobSerializer serializer, QueueTelemetry telemetry) : IJobQueue
{
    public async Task<string> PublishAsync<TJob>(TJob job, string? messageId = null, CancellationToken cancellationToken = default)
        where TJob : IJob
    {
        ArgumentNullException.ThrowIfNull(job);
        cancellationToken.ThrowIfCancellationRequested();
        var keys = new RedisQueueKeys(TJob.Queue);
        messageId ??= Guid.NewGuid().ToString("N");

        using var activity = QueueTelemetry.ActivitySource.StartActivity($"{TJob.Queue} publish", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.destination.name", TJob.Queue);
        activity?.SetTag("messaging.message.id", messageId);

        var fields = new List<NameValueEntry>
        {
            new(EnvelopeFields.MessageId, messageId),
            new(EnvelopeFields.MessageType, TJob.MessageType),
            new(EnvelopeFields.Version, TJob.Version),
            new(EnvelopeFields.PublishedAt, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
            new(EnvelopeFields.Body, serializer.Serialize(job)),
        };
        TraceContextCarrier.Inject(Activity.Current, fields);

        await redis.GetDatabase().StreamAddAsync(keys.Stream, [.. fields]).ConfigureAwait(false);
        telemetry.Published.Add(1, QueueTelemetry.Tags(TJob.Queue));
        return messageId;
    }
}
