using GenQ.Benchmarking;
using GenQ.VectorStore.Model;

namespace GenQ.VectorStore.Benchmarks;

/// <summary>
/// Closed-loop search load on an index (<see cref="ClosedLoop"/>: one thread per client, next query when the previous
/// answer arrives, for a fixed time).
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
        var run = ClosedLoop.Run(clients, duration, i =>
        {
            search(i);
            return 0;
        });
        return new LoadResult(mode, clients, run.Requests, run.Percentile(0.50), run.Percentile(0.99), run.SortedLatenciesMs.Average(),
            run.Requests / run.ElapsedSeconds, run.CpuMs / run.Requests);
    }
}
