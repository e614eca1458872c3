using System.Diagnostics;

namespace GenQ.Benchmarking;

/// <summary>What one closed-loop run measured: every request's latency (sorted), wall and process CPU time.</summary>
internal sealed record ClosedLoopRun(double[] SortedLatenciesMs, double ElapsedSeconds, double CpuMs, double RequestSum)
{
    public int Requests => SortedLatenciesMs.Length;

    public double Percentile(double p) =>
        SortedLatenciesMs[Math.Clamp((int)Math.Ceiling(p * SortedLatenciesMs.Length) - 1, 0, SortedLatenciesMs.Length - 1)];

    /// <summary>The run's result once every client has stopped: all latencies, wall time and process CPU since the start.</summary>
    public static ClosedLoopRun Collect(IEnumerable<List<double>> latencies, double[] sums, long startedTimestamp, TimeSpan cpuBefore)
    {
        var elapsed = Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        return new ClosedLoopRun(latencies.SelectMany(l => l).Order().ToArray(), elapsed, cpu, sums.Sum());
    }
}

/// <summary>
/// Closed-loop load, shared by the benchmark projects (linked into each): every client is its own thread that sends the
/// next request as soon as the previous answer arrives, for a fixed time. With more clients than cores the operating
/// system time-slices them, so latency includes waiting for a core, as a server with that many concurrent requests sees.
/// </summary>
internal static class ClosedLoop
{
    /// <param name="request">Runs request number i (client c takes c, c + clients, …); what it returns is summed into
    /// <see cref="ClosedLoopRun.RequestSum"/> (e.g. the milliseconds spent embedding the query).</param>
    public static ClosedLoopRun Run(int clients, TimeSpan duration, Func<int, double> request)
    {
        var latencies = new List<double>[clients];
        var sums = new double[clients];
        Exception? failure = null;
        using var start = new ManualResetEventSlim();
        var deadline = 0L;
        var threads = Enumerable.Range(0, clients).Select(client => new Thread(() =>
        {
            var own = latencies[client] = new List<double>(4096);
            start.Wait();
            try
            {
                for (var i = client; Stopwatch.GetTimestamp() < Volatile.Read(ref deadline); i += clients)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    sums[client] += request(i);
                    own.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }) { IsBackground = true, Name = $"client-{client}" }).ToArray();

        foreach (var thread in threads)
        {
            thread.Start();
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        Volatile.Write(ref deadline, started + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        start.Set();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        if (failure is not null)
        {
            throw new InvalidOperationException("A request failed during the load run.", failure);
        }

        return ClosedLoopRun.Collect(latencies, sums, started, cpuBefore);
    }
}
