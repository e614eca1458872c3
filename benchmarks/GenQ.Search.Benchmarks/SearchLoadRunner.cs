using System.Diagnostics;
using GenQ.Benchmarking;
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
    public sealed record Result(string Mode, int Clients, int Requests, double P50Ms, double P99Ms, double MeanMs, double Qps, double EncodeMeanMs, double CpuMsPerRequest, double Load);

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

    /// <summary>The same request, awaited by asynchronous clients (<see cref="AsyncClosedLoop"/>).</summary>
    public static Result RunAsyncClients(string mode, ISentenceEncoder encoder, IVectorIndex index, IReadOnlyList<string> queries, int clients, int topK, TimeSpan duration)
    {
        var run = AsyncClosedLoop.Run(clients, duration, async i =>
        {
            var t0 = Stopwatch.GetTimestamp();
            var version = await index.GetLiveVersionAsync(RandomIndex.Corpus).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The benchmark corpus has no live version.");
            var vector = (await encoder.EncodeAsync([queries[i % queries.Count]]).ConfigureAwait(false))[0];
            var encodeMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            var result = await index.SearchAsync(new VectorSearchRequest(RandomIndex.Corpus, vector, topK, version)).ConfigureAwait(false);
            return result.Hits.Count == topK ? encodeMs : throw new InvalidOperationException($"Expected {topK} hits, got {result.Hits.Count}.");
        });
        return ToResult(mode, clients, run);
    }

    /// <summary>
    /// The closed loop itself: <paramref name="request"/> gets the request number (clients take every clients-th one) and
    /// returns the milliseconds of it spent embedding the query (0 when not measured apart).
    /// </summary>
    public static Result Run(string mode, int clients, TimeSpan duration, Func<int, double> request)
    {
        var run = ClosedLoop.Run(clients, duration, request);
        return ToResult(mode, clients, run);
    }

    private static Result ToResult(string mode, int clients, ClosedLoopRun run)
    {
        return new Result(mode, clients, run.Requests, run.Percentile(0.50), run.Percentile(0.99), run.SortedLatenciesMs.Average(),
            run.Requests / run.ElapsedSeconds, run.RequestSum / run.Requests, run.CpuMs / run.Requests, Machine.OneMinuteLoad);
    }
}
