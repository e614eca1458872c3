using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace GenQ.Load.Benchmarks;

/// <summary>The managed heap of one process as its runtime last reported it (System.Runtime event counters).</summary>
/// <param name="HeapAfterGcMiB">gen0 + gen1 + gen2 + LOH + POH sizes after the last collection: what the GC kept.</param>
/// <param name="CommittedMiB">Memory the GC has committed (heap plus free space it keeps for the next allocations).</param>
/// <param name="Gen0">Collections of each generation since the session started (summed increments).</param>
internal sealed record GcSample(double HeapAfterGcMiB, double CommittedMiB, double FragmentationPercent, long Gen0, long Gen1, long Gen2);

/// <summary>
/// One EventPipe session per service process with the <c>System.Runtime</c> provider (the event counters
/// dotnet-counters shows), kept open for the whole soak; <see cref="Latest"/> is what the process reported last.
/// Separates managed growth (the GC heap after a collection) from native growth (RssAnon minus GC committed).
/// </summary>
internal sealed class GcCounters : IDisposable
{
    private const int IntervalSeconds = 5;
    private readonly ConcurrentDictionary<int, Session> _sessions = new();

    /// <summary>Starts listening to <paramref name="pid"/> if not yet; null until its first counters arrived.</summary>
    public GcSample? Latest(int pid)
    {
        var session = _sessions.GetOrAdd(pid, p => new Session(p));
        return session.Snapshot();
    }

    public void Dispose()
    {
        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }
    }

    private sealed class Session : IDisposable
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, double> _last = new(StringComparer.Ordinal);
        private readonly Dictionary<string, double> _sum = new(StringComparer.Ordinal);
        private EventPipeSession? _session;
        private bool _any;

        public Session(int pid)
        {
            try
            {
                var client = new DiagnosticsClient(pid);
                var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0xFFFFFFFF,
                    new Dictionary<string, string> { ["EventCounterIntervalSec"] = IntervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                _session = client.StartEventPipeSession([provider], requestRundown: false);
                var thread = new Thread(() => Read(_session)) { IsBackground = true, Name = $"gc-counters-{pid}" };
                thread.Start();
            }
            catch (Exception ex) when (ex is ServerNotAvailableException or UnsupportedCommandException or IOException or TimeoutException)
            {
                Console.WriteLine($"gc counters: cannot attach to {pid}: {ex.Message}");
            }
        }

        private void Read(EventPipeSession session)
        {
            try
            {
                using var source = new EventPipeEventSource(session.EventStream);
                source.Dynamic.All += e =>
                {
                    if (e.EventName != "EventCounters" || e.PayloadValue(0) is not IDictionary<string, object> outer
                        || outer.TryGetValue("Payload", out var inner) is false || inner is not IDictionary<string, object> fields
                        || fields.TryGetValue("Name", out var nameObject) is false || nameObject is not string name)
                    {
                        return;
                    }
                    lock (_lock)
                    {
                        if (fields.TryGetValue("Increment", out var increment))
                        {
                            _sum[name] = _sum.GetValueOrDefault(name) + Convert.ToDouble(increment, System.Globalization.CultureInfo.InvariantCulture);
                        }
                        else if (fields.TryGetValue("Mean", out var mean))
                        {
                            _last[name] = Convert.ToDouble(mean, System.Globalization.CultureInfo.InvariantCulture);
                        }
                        _any = true;
                    }
                };
                source.Process();
            }
            catch (Exception ex)
            {
                // The process exited (or restarted under another pid): the sampler opens a new session for the new pid.
                Console.WriteLine($"gc counters: session ended: {ex.GetType().Name}");
            }
        }

        public GcSample? Snapshot()
        {
            lock (_lock)
            {
                if (!_any)
                {
                    return null;
                }
                const double MiB = 1024 * 1024;
                var heap = new[] { "gen-0-size", "gen-1-size", "gen-2-size", "loh-size", "poh-size" }.Sum(n => _last.GetValueOrDefault(n)) / MiB;
                // gc-committed is reported in MB (10^6 bytes).
                return new GcSample(heap, _last.GetValueOrDefault("gc-committed") * 1e6 / MiB, _last.GetValueOrDefault("gc-fragmentation"),
                    (long)_sum.GetValueOrDefault("gen-0-gc-count"), (long)_sum.GetValueOrDefault("gen-1-gc-count"), (long)_sum.GetValueOrDefault("gen-2-gc-count"));
            }
        }

        public void Dispose()
        {
            try
            {
                _session?.Stop();
            }
            catch (Exception ex) when (ex is ServerNotAvailableException or IOException or TimeoutException or EndOfStreamException)
            {
                // The process is gone already.
            }
            _session?.Dispose();
        }
    }
}
