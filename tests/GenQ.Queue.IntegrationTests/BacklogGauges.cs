using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GenQ.Queue.Redis;

namespace GenQ.Queue.IntegrationTests;

/// <summary>Reads the genq.queue.pending and genq.queue.lag gauges of one consumer's meters, as an exporter would.</summary>
public sealed class BacklogGauges : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _latest = new();

    public BacklogGauges(IMeterFactory consumerMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this consumer's meters: other tests' consumers publish the same instrument names.
            if (instrument.Meter.Name == QueueTelemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, consumerMeters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _latest[instrument.Name] = value);
        _listener.Start();
    }

    public (long? Pending, long? Lag) Read()
    {
        _latest.Clear();
        _listener.RecordObservableInstruments();
        return (Value("genq.queue.pending"), Value("genq.queue.lag"));
    }

    private long? Value(string name) => _latest.TryGetValue(name, out var value) ? value : null;

    public void Dispose() => _listener.Dispose();
}
