using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GenQ.Queue.Redis;

/// <summary>
/// Traces and metrics of the work queues. Publish → process is one trace because the trace context travels
/// inside the message; counters and gauges are tagged with the queue and consumer group.
/// </summary>
public sealed class QueueTelemetry : IDisposable
{
    public const string ActivitySourceName = "GenQ.Queue";
    public const string MeterName = "GenQ.Queue";

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<(string Queue, string Group), (long Pending, long Lag)> _backlog = new();

    public QueueTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        Published = _meter.CreateCounter<long>("genq.queue.published", "{message}", "Messages published per queue.");
        Processed = _meter.CreateCounter<long>("genq.queue.processed", "{message}", "Messages handled and acknowledged.");
        Failed = _meter.CreateCounter<long>("genq.queue.failed", "{message}", "Handler failures (each failed delivery).");
        DeadLettered = _meter.CreateCounter<long>("genq.queue.dead_lettered", "{message}", "Messages moved to the dead-letter stream.");
        Reclaimed = _meter.CreateCounter<long>("genq.queue.reclaimed", "{message}", "Messages reclaimed from stopped consumers.");
        HandlerDuration = _meter.CreateHistogram<double>("genq.queue.handler.duration", "s", "Time a handler took for one message.");
        _meter.CreateObservableGauge("genq.queue.pending", () => Observe(static b => b.Pending), "{message}",
            "Messages delivered to a consumer group but not yet acknowledged.");
        _meter.CreateObservableGauge("genq.queue.lag", () => Observe(static b => b.Lag), "{message}",
            "Messages in the stream not yet delivered to the consumer group.");
    }

    public static ActivitySource ActivitySource { get; } = new(ActivitySourceName);

    public Counter<long> Published { get; }
    public Counter<long> Processed { get; }
    public Counter<long> Failed { get; }
    public Counter<long> DeadLettered { get; }
    public Counter<long> Reclaimed { get; }
    public Histogram<double> HandlerDuration { get; }

    public static TagList Tags(string queue, string? group = null)
    {
        var tags = new TagList { { "messaging.destination.name", queue } };
        if (group is not null)
        {
            tags.Add("messaging.consumer.group.name", group);
        }
        return tags;
    }

    /// <summary>Records the latest sampled backlog of a group (read by the observable gauges).</summary>
    public void RecordBacklog(string queue, string group, long pending, long lag) => _backlog[(queue, group)] = (pending, lag);

    private IEnumerable<Measurement<long>> Observe(Func<(long Pending, long Lag), long> select) =>
        _backlog.Select(entry => new Measurement<long>(select(entry.Value), Tags(entry.Key.Queue, entry.Key.Group)));

    public void Dispose() => _meter.Dispose();
}
