using System.Diagnostics;
using GenQ.Embeddings;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// Closed-loop clients, each on its own thread, sending the next request when the previous answer arrives. One request
/// is what SearchService does: ask the live version, embed the query text with that version's encoder (EncodeAsync),
/// search the index pinned to that version. Latency therefore includes query embedding and waiting for a core.
/// </summary>
internal static class SearchLoadRunner
{
    public sealed record Result(string Mode, int Clients, int Requests, double P50Ms, double P99Ms, double MeanMs, double Qps, double EncodeMeanMs, double CpuMsPerRequest, double Load)
    {
        /// <summary>Mean texts per encoder Run (micro-batched modes; 1 otherwise).</summary>
        public double MeanBatch { get; init; } = 1;
    }

    public static Result Run(string mode, ISentenceEncoder encoder, IVectorIndex index, IReadOnlyList<string> queries, int clients, int topK, TimeSpan duration) =>
        Run(mode, clients, duration, i =>
        {
            var t0 = Stopwatch.GetTimestamp();
            var version = index.GetLiveVersionAsync(RandomIndex.Corpus).GetAwaiter().GetResult()
                ?? throw new InvalidOperationException("The benchmark corpus has no live version.");
            var vector = encoder.EncodeAsync([queries[i % queries.Count]]).GetAwaiter().GetResult()[0];
            var encodeMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            var result = index.SearchAsync(new VectorSearchRequest(RandomIndex.Corpus, vector, topK, version)).GetAwaiter().GetResult();
            return result.Hits.Count == topK ? encodeMs : throw new InvalidOperationException($"Expected {topK} hits, got {result.Hits.Count}.");
        });

    /// <summary>
    /// The closed loop itself: <paramref name="request"/> gets the request number (clients take every clients-th one) and
    /// returns the milliseconds of it spent embedding the query (0 when not measured apart).
    /// </summary>
    public static Result Run(string mode, int clients, TimeSpan duration, Func<int, double> request)
    {
        var latencies = new List<double>[clients];
        var encodeMs = new double[clients];
        Exception? failure = null;
        using var start = new ManualResetEventSlim();
        var deadline = 0L;
        var threads = Enumerable.Range(0, clients).Select(client => new Thread(() =>
        {
            var own = latencies[client] = new List<double>(1024);
            start.Wait();
            try
            {
                for (var i = client; Stopwatch.GetTimestamp() < Volatile.Read(ref deadline); i += clients)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    encodeMs[client] += request(i);
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

        var cpuBefore = Machine.ProcessCpu;
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

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = (Machine.ProcessCpu - cpuBefore).TotalMilliseconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(mode, clients, all.Length, Machine.Percentile(all, 0.50), Machine.Percentile(all, 0.99), all.Average(),
            all.Length / elapsed, encodeMs.Sum() / all.Length, cpu / all.Length, Machine.OneMinuteLoad);
    }
}
