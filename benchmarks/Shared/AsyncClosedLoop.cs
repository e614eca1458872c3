using System.Diagnostics;

namespace GenQ.Benchmarking;

/// <summary>
/// Closed-loop load with asynchronous clients: every client is a task that awaits its request and sends the next as
/// soon as the answer arrives, as ASP.NET Core runs concurrent requests (no thread blocked per client, continuations on
/// the thread pool). Same result shape as <see cref="ClosedLoop"/>.
/// </summary>
internal static class AsyncClosedLoop
{
    /// <param name="request">Runs request number i (client c takes c, c + clients, …); what it returns is summed into
    /// <see cref="ClosedLoopRun.RequestSum"/>.</param>
    public static ClosedLoopRun Run(int clients, TimeSpan duration, Func<int, Task<double>> request)
    {
        var latencies = new List<double>[clients];
        var sums = new double[clients];
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var tasks = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var own = latencies[client] = new List<double>(4096);
            for (var i = client; Stopwatch.GetTimestamp() < deadline; i += clients)
            {
                var t0 = Stopwatch.GetTimestamp();
                sums[client] += await request(i).ConfigureAwait(false);
                own.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        })).ToArray();

        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException ex)
        {
            throw new InvalidOperationException("A request failed during the load run.", ex.InnerExceptions[0]);
        }

        return ClosedLoopRun.Collect(latencies, sums, started, cpuBefore);
    }
}
