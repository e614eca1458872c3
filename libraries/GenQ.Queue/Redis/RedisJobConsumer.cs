using System.Diagnostics;
using System.Text.Json;
using GenQ.Contracts.Jobs;
using GenQ.Queue.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GenQ.Queue.Redis;

/// <summary>
/// One competing consumer of <typeparamref name="TJob"/>'s stream. At-least-once: a message is acknowledged only
/// after its handler returned; abandoned messages are reclaimed, failing ones retried and finally dead-lettered,
/// and an id already handled by the group is acknowledged without running the handler again.
/// </summary>
public sealed class RedisJobConsumer<TJob> : BackgroundService where TJob : IJob
{
    private readonly IConnectionMultiplexer _redis;
    private readonly IServiceScopeFactory _scopes;
    private readonly JobSerializer _serializer;
    private readonly QueueTelemetry _telemetry;
    private readonly ConsumerHealth _health;
    private readonly JobQueueOptions _options;
    private readonly ILogger _logger;
    private readonly RedisQueueKeys _keys = new(TJob.Queue);
    private readonly ConsumerGroupOperations _group;

    public RedisJobConsumer(
        IConnectionMultiplexer redis,
        IServiceScopeFactory scopes,
        JobSerializer serializer,
        QueueTelemetry telemetry,
        ConsumerHealth health,
        IOptions<JobQueueOptions> options,
        ILogger<RedisJobConsumer<TJob>> logger)
    {
        _redis = redis;
        _scopes = scopes;
        _serializer = serializer;
        _telemetry = telemetry;
        _health = health;
        _options = options.Value;
        _logger = logger;
        ConsumerName = _options.ConsumerName
            ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
        _group = new ConsumerGroupOperations(redis.GetDatabase(), _keys, _options.ConsumerGroup, ConsumerName);
        _health.Starting(ConsumerName);
    }

    public string ConsumerName { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var connections = await ConsumerConnections.OpenAsync(_redis.Configuration).ConfigureAwait(false);
        var reader = connections.Blocking.GetDatabase();
        var quiet = new ConsumerGroupOperations(connections.Polling.GetDatabase(), _keys, _options.ConsumerGroup, ConsumerName);
        var sampler = SampleBacklogAsync(quiet, stoppingToken);
        var backoff = new ReconnectBackoff(_options.ReconnectInitialDelay, _options.ReconnectMaxDelay);
        var nextClaim = DateTimeOffset.MinValue;
        var groupReady = false;

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!groupReady)
                {
                    await quiet.EnsureGroupAsync().ConfigureAwait(false);
                    groupReady = true;
                    _logger.ConsumerStarted(ConsumerName, _options.ConsumerGroup, _keys.Stream);
                }
                if (DateTimeOffset.UtcNow >= nextClaim)
                {
                    await ReclaimAbandonedAsync(quiet, stoppingToken).ConfigureAwait(false);
                    nextClaim = DateTimeOffset.UtcNow + _options.ClaimInterval;
                }
                var reply = await reader.ExecuteAsync("XREADGROUP", "GROUP", _options.ConsumerGroup, ConsumerName,
                    "COUNT", 1, "BLOCK", (long)_options.BlockTimeout.TotalMilliseconds, "STREAMS", _keys.Stream, ">")
                    .ConfigureAwait(false);
                // Reading works: healthy again before a possibly long handler starts.
                ReportReading(backoff);
                foreach (var entry in QueueEntry.FromReadGroupReply(reply))
                {
                    await ProcessAsync(entry, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A transient problem must not end the worker; NOGROUP (stream deleted, or Redis restarted
                // without persistence) recreates the group.
                groupReady = !ex.Message.Contains("NOGROUP", StringComparison.Ordinal) && groupReady;
                var delay = backoff.Next();
                _health.Failing(ConsumerName, $"cannot read {_keys.Stream}: {ex.Message}");
                _logger.LoopError(ex, TJob.Queue, backoff.Failures, delay);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, CancellationToken.None).ConfigureAwait(false);
            }
        }
        await sampler.ConfigureAwait(false);
        _health.Stopped(ConsumerName);
        _logger.ConsumerStopped(ConsumerName);
    }

    private void ReportReading(ReconnectBackoff backoff)
    {
        if (backoff.Failures > 0)
        {
            _logger.Recovered(ConsumerName, TJob.Queue, backoff.Failures);
        }
        backoff.Reset();
        if (!_health.IsRunning(ConsumerName))
        {
            _health.Running(ConsumerName);
        }
    }

    /// <summary>
    /// Samples pending count and lag on a timer of its own, so the gauges move while a handler runs for minutes
    /// (the read loop is busy then). A failed sample keeps the last value; the read loop reports the outage.
    /// </summary>
    private async Task SampleBacklogAsync(ConsumerGroupOperations quiet, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.MetricsSampleInterval);
        do
        {
            try
            {
                var (pending, lag) = await quiet.BacklogAsync().ConfigureAwait(false);
                _telemetry.RecordBacklog(TJob.Queue, _options.ConsumerGroup, pending, lag);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Redis away or the group not created yet: the next tick tries again.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask()
            .ContinueWith(tick => tick.IsCompletedSuccessfully && tick.Result, CancellationToken.None).ConfigureAwait(false));
    }

    private async Task ReclaimAbandonedAsync(ConsumerGroupOperations quiet, CancellationToken stoppingToken)
    {
        var claimed = await quiet.ReclaimAsync(_options.VisibilityTimeout, count: 16).ConfigureAwait(false);
        if (claimed.Count == 0)
        {
            return;
        }
        _telemetry.Reclaimed.Add(claimed.Count, QueueTelemetry.Tags(TJob.Queue, _options.ConsumerGroup));
        _logger.Reclaimed(claimed.Count, TJob.Queue);
        foreach (var entry in claimed)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                await _group.MakeClaimableAsync(entry.StreamId, _options.VisibilityTimeout, TimeSpan.Zero).ConfigureAwait(false);
                continue;
            }
            await ProcessAsync(entry, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(QueueEntry entry, CancellationToken stoppingToken)
    {
        var tags = QueueTelemetry.Tags(TJob.Queue, _options.ConsumerGroup);
        var messageId = entry.MessageId;
        // Started before the first Redis command about the message, so those commands are part of its trace
        // instead of root traces of their own.
        var parent = TraceContextCarrier.Extract(entry.Fields);
        using var activity = QueueTelemetry.ActivitySource.StartActivity($"{TJob.Queue} process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.message.id", messageId);
        activity?.SetTag("messaging.consumer.group.name", _options.ConsumerGroup);

        if (await _group.WasHandledAsync(messageId).ConfigureAwait(false))
        {
            await _group.AcknowledgeAsync(entry.StreamId, messageId).ConfigureAwait(false);
            _logger.AlreadyHandled(messageId, TJob.Queue, _options.ConsumerGroup);
            return;
        }

        var deliveries = Math.Max(1, await _group.DeliveryCountAsync(entry.StreamId).ConfigureAwait(false));
        if (deliveries > _options.MaxDeliveries)
        {
            var lastError = await _group.LastErrorAsync(messageId).ConfigureAwait(false)
                ?? $"no acknowledgement within {_options.VisibilityTimeout} on any of {deliveries - 1} deliveries (consumer stopped?)";
            await DeadLetterAsync(entry, lastError, deliveries - 1).ConfigureAwait(false);
            return;
        }

        if (!TryReadJob(entry, out var job, out var context, out var problem, deliveries))
        {
            // A message that cannot be read will never succeed: retrying it would only delay the dead letter.
            await DeadLetterAsync(entry, problem, deliveries).ConfigureAwait(false);
            return;
        }

        using var handlerCancellation = new CancellationTokenSource();
        // On shutdown the handler gets a grace period to finish; after it, it is cancelled and the message released.
        await using var stopRegistration = stoppingToken.Register(() => handlerCancellation.CancelAfter(_options.ShutdownGracePeriod));
        using var heartbeat = StartHeartbeat(entry.StreamId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService<IJobHandler<TJob>>();
            await handler.HandleAsync(job!, context!, handlerCancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await _group.MakeClaimableAsync(entry.StreamId, _options.VisibilityTimeout, TimeSpan.Zero).ConfigureAwait(false);
            _logger.Released(messageId, TJob.Queue);
            return;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            _telemetry.Failed.Add(1, tags);
            _logger.HandlerFailed(ex, TJob.MessageType, messageId, deliveries, _options.MaxDeliveries);
            var error = $"{ex.GetType().Name}: {ex.Message}";
            if (deliveries >= _options.MaxDeliveries)
            {
                await DeadLetterAsync(entry, error, deliveries).ConfigureAwait(false);
                return;
            }
            await _group.RecordErrorAsync(messageId, error).ConfigureAwait(false);
            await _group.MakeClaimableAsync(entry.StreamId, _options.VisibilityTimeout, _options.RetryDelay).ConfigureAwait(false);
            return;
        }
        finally
        {
            _telemetry.HandlerDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
            await handlerCancellation.CancelAsync().ConfigureAwait(false);
        }

        await _group.CompleteAsync(entry.StreamId, messageId, _options.ProcessedMarkerTtl).ConfigureAwait(false);
        _telemetry.Processed.Add(1, tags);
    }

    private bool TryReadJob(QueueEntry entry, out TJob? job, out JobContext? context, out string problem, long deliveries)
    {
        job = default;
        context = null;
        var type = entry.Fields.GetValueOrDefault(EnvelopeFields.MessageType);
        var version = entry.Fields.GetValueOrDefault(EnvelopeFields.Version);
        if (type != TJob.MessageType || version != TJob.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            problem = $"unexpected message type '{type}' version '{version}' (this consumer reads '{TJob.MessageType}' v{TJob.Version})";
            return false;
        }
        try
        {
            job = _serializer.Deserialize<TJob>(entry.Fields.GetValueOrDefault(EnvelopeFields.Body) ?? "");
        }
        catch (JsonException ex)
        {
            problem = $"body is not a valid '{TJob.MessageType}': {ex.Message}";
            return false;
        }
        long.TryParse(entry.Fields.GetValueOrDefault(EnvelopeFields.PublishedAt), out var publishedMs);
        context = new JobContext(entry.MessageId, deliveries, DateTimeOffset.FromUnixTimeMilliseconds(publishedMs), _options.MaxDeliveries);
        problem = "";
        return true;
    }

    private async Task DeadLetterAsync(QueueEntry entry, string error, long deliveries)
    {
        await _group.DeadLetterAsync(entry, error, deliveries).ConfigureAwait(false);
        _telemetry.DeadLettered.Add(1, QueueTelemetry.Tags(TJob.Queue, _options.ConsumerGroup));
        _logger.DeadLettered(entry.MessageId, TJob.Queue, deliveries, error);
    }

    private Timer StartHeartbeat(string streamId)
    {
        var interval = _options.VisibilityTimeout / 3;
        return new Timer(_ => _ = HeartbeatAsync(streamId), null, interval, interval);
    }

    private async Task HeartbeatAsync(string streamId)
    {
        try
        {
            await _group.HeartbeatAsync(streamId).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            // A missed heartbeat only risks a redelivery, which idempotent handling absorbs.
        }
    }
}
