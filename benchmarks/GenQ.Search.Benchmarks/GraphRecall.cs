using System.Diagnostics;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// Recall@k of the HNSW graph against the exact scan for each candidate list size (ef), with the mean single-threaded
/// search time per query (index only, precomputed query vectors), printed as a table.
/// </summary>
internal static class GraphRecall
{
    public static async Task PrintAsync(string directory, IVectorIndex exact, float[][] queryVectors, BenchmarkSettings settings)
    {
        var k = settings.TopK;
        var truth = new List<HashSet<string>>();
        var exactClock = Stopwatch.StartNew();
        foreach (var vector in queryVectors)
        {
            var result = await exact.SearchAsync(new VectorSearchRequest(RandomIndex.Corpus, vector, k));
            truth.Add(result.Hits.Select(h => h.PassageId).ToHashSet(StringComparer.Ordinal));
        }

        var exactMs = exactClock.Elapsed.TotalMilliseconds / queryVectors.Length;
        Console.WriteLine();
        Console.WriteLine($"HNSW recall@{k} against the exact scan, {queryVectors.Length} Cranfield queries (fp32 query vectors), one search at a time:");
        Console.WriteLine($"| search | recall@{k} | mean ms per search |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| exact scan | 1.0000 | {exactMs:F3} |");
        foreach (var ef in settings.Ef.Order())
        {
            var index = RandomIndex.Open(directory, quantization: false, graphEf: ef);
            await index.SearchAsync(new VectorSearchRequest(RandomIndex.Corpus, queryVectors[0], k)); // load
            var found = 0;
            var clock = Stopwatch.StartNew();
            for (var q = 0; q < queryVectors.Length; q++)
            {
                var result = await index.SearchAsync(new VectorSearchRequest(RandomIndex.Corpus, queryVectors[q], k));
                found += result.Hits.Count(h => truth[q].Contains(h.PassageId));
            }

            Console.WriteLine($"| HNSW ef {ef} | {(double)found / (k * queryVectors.Length):F4} | {clock.Elapsed.TotalMilliseconds / queryVectors.Length:F3} |");
        }

        Console.WriteLine();
    }
}
