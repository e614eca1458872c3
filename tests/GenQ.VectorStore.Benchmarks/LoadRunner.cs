using System.Diagnostics;
using GenQ.VectorStore.Model;

namespace GenQ.VectorStore.Benchmarks;

/// <summary>
/// Closed-loop load: each client is its own thread that sends the next query as soon as the previous answer arrives,
/// for a fixed time. With more clients than cores the operating system time-slices them, so measured latency includes
/// waiting for a core, as a server handling that many concurrent requests would see.
/// </summary>
internal static class LoadRunner
{
    public static LoadResult Run(IVectorIndex index, string mode, string corpus, float[][] queries, int clients, int topK, TimeSpan duration) =>
        Run(mode, clients, duration, i =>
        {
            var result = index.SearchAsync(new VectorSearchRequest(corpus, queries[i % queries.Length], topK)).GetAwaiter().GetResult();
            if (result.Hits.Count != topK)
            {
                throw new InvalidOperationException($"Expected {topK} hits, got {result.Hits.Count}.");
            }
        });

    /// <summary>Runs <paramref name="search"/>(query number) from <paramref name="clients"/> closed-loop threads.</summary>
    public static LoadResult Run(string mode, int clients, TimeSpan duration, Action<int> search)
    {
        var latencies = new List<double>[clients];
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
                    search(i);
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
            throw new InvalidOperationException("A search failed during the load run.", failure);
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(mode, clients, all.Length, Percentile(all, 0.50), Percentile(all, 0.99), all.Average(), all.Length / elapsed, cpu / all.Length);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
