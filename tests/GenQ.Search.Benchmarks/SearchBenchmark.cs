using GenQ.Embeddings;
using GenQ.Embeddings.Inference;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;

namespace GenQ.Search.Benchmarks;

/// <summary>End-to-end search latency including query embedding: 100,000 x 384 embedded index, real Cranfield query texts.</summary>
internal static class SearchBenchmark
{
    public static async Task<List<SearchLoadRunner.Result>> RunAsync(BenchmarkModels models, BenchmarkSettings settings)
    {
        var directory = Path.Combine(models.Root, "index");
        var build = await RandomIndex.BuildAsync(directory, settings.Count, 384);
        Console.WriteLine($"Index: {settings.Count:N0} random unit vectors x 384 built and published in {build.TotalSeconds:F1} s ({directory})");
        var queries = EvalData.Queries(EvalData.Folder("cranfield")).Select(q => q.Text).ToList();
        Console.WriteLine($"Queries: {queries.Count} Cranfield query texts, one per request (mean {queries.Average(q => q.Length):F0} characters), top_k {settings.TopK}, " +
            $"query encoder intra-op threads {settings.QueryThreads} (batched: {settings.BatchedThreads}), spinning {settings.Spinning}, {settings.SecondsPerLevel:0.#} s per level");

        // EncodeAsync runs on the thread pool, as in the search API; let it have a thread per client at once instead of
        // growing slowly (ASP.NET's own request threads come from the same pool).
        ThreadPool.SetMinThreads(Math.Max(64, settings.Clients.Max() * 2), 64);
        using var fp32 = BenchmarkModels.Open(models.Float, settings.QueryThreads, batchSize: 1, settings.Spinning);
        using var int8 = BenchmarkModels.Open(models.Int8, settings.QueryThreads, batchSize: 1, settings.Spinning);
        // Micro-batched query encoders, as QueryEncoderCache serves them: concurrent queries share one Run.
        using var fp32Batched = new MicroBatchingSentenceEncoder(BenchmarkModels.Open(models.Float, settings.BatchedThreads, 32, settings.Spinning));
        using var int8Batched = new MicroBatchingSentenceEncoder(BenchmarkModels.Open(models.Int8, settings.BatchedThreads, 32, settings.Spinning));
        using var precomputed = new PrecomputedEncoder(fp32, queries);
        var exact = RandomIndex.Open(directory, quantization: false);
        var quantized = RandomIndex.Open(directory, quantization: true);
        var probe = fp32.Encode([queries[0]])[0];
        await exact.SearchAsync(new VectorSearchRequest(RandomIndex.Corpus, probe, settings.TopK)); // load from disk before timing
        await quantized.SearchAsync(new VectorSearchRequest(RandomIndex.Corpus, probe, settings.TopK));

        var results = new List<SearchLoadRunner.Result>();
        var modes = new (string, ISentenceEncoder, IVectorIndex)[]
        {
            ("fp32 query, exact index", fp32, exact),
            ("fp32 query, int8 index", fp32, quantized),
            ("int8 query, int8 index", int8, quantized),
            ("fp32 query batched, exact index", fp32Batched, exact),
            ("fp32 query batched, int8 index", fp32Batched, quantized),
            ("int8 query batched, int8 index", int8Batched, quantized),
            ("int8 query batched, exact index", int8Batched, exact),
            ("index only (precomputed query vectors), int8 index", precomputed, quantized),
            ("index only (precomputed query vectors), exact index", precomputed, exact),
        };
        var selected = settings.Modes.Length == 0 ? modes : settings.Modes.Select(m => modes[m - 1]).ToArray();
        foreach (var (mode, encoder, index) in selected)
        {
            SearchLoadRunner.Run(mode, encoder, index, queries, 1, settings.TopK, TimeSpan.FromSeconds(1)); // warm-up
            foreach (var clients in settings.Clients)
            {
                var (batches0, texts0) = encoder is MicroBatchingSentenceEncoder b0 ? (b0.BatchCount, b0.TextCount) : (0, 0);
                var r = SearchLoadRunner.Run(mode, encoder, index, queries, clients, settings.TopK, TimeSpan.FromSeconds(settings.SecondsPerLevel));
                if (encoder is MicroBatchingSentenceEncoder b1 && b1.BatchCount > batches0)
                {
                    r = r with { MeanBatch = (double)(b1.TextCount - texts0) / (b1.BatchCount - batches0) };
                }

                results.Add(r);
                Console.WriteLine($"  {mode,-24} clients {clients,2}: p50 {r.P50Ms,7:F2} ms  p99 {r.P99Ms,7:F2} ms  {r.Qps,6:F1} QPS  " +
                    $"encode {r.EncodeMeanMs,6:F2} ms  batch {r.MeanBatch,4:F1}  {r.CpuMsPerRequest,5:F2} CPU ms/req  load {r.Load:F1}");
            }
        }

        return results;
    }
}
