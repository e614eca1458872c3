using GenQ.Embeddings;
using GenQ.Embeddings.Inference;
using GenQ.SearchApi.Search;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// End-to-end search latency including query embedding: 100,000 x 384 embedded index (random vectors, or real sentence
/// embeddings with an HNSW graph: modes 10-14), real Cranfield query texts. Modes 13-15 gate query encodings to one per
/// core as the search API does. Modes 4-7 were micro-batched query encoders, removed on 2026-12-03 (last in commit
/// 5612b44); the other modes keep their numbers so the commands in docs/benchmarks/search.md still select the same rows.
/// </summary>
internal static class SearchBenchmark
{
    // Its own method: an async method keeps its locals alive until it returns, and the 100k texts and vectors must not.
    private static async Task BuildIndexAsync(BenchmarkModels models, BenchmarkSettings settings, string directory, bool real)
    {
        if (real)
        {
            var texts = RealVectors.Texts(settings.Count);
            var vectors = RealVectors.Embed(models.Int8, texts, settings.VectorCache);
            var (total, publish) = await RandomIndex.BuildAsync(directory, settings.Count, 384, i => ("", texts[i]), vectors: vectors, graph: true);
            Console.WriteLine($"Index: {settings.Count:N0} real sentence embeddings x 384 built and published in {total.TotalSeconds:F1} s, of which publish " +
                $"(Lucene seal + HNSW graph, M 16, efConstruction 100) {publish.TotalSeconds:F1} s ({directory})");
        }
        else
        {
            var (total, _) = await RandomIndex.BuildAsync(directory, settings.Count, 384);
            Console.WriteLine($"Index: {settings.Count:N0} random unit vectors x 384 built and published in {total.TotalSeconds:F1} s ({directory})");
        }
    }

    public static async Task<List<SearchLoadRunner.Result>> RunAsync(BenchmarkModels models, BenchmarkSettings settings)
    {
        var directory = Path.Combine(models.Root, "index");
        var real = settings.Vectors == "real";
        await BuildIndexAsync(models, settings, directory, real);
        // The build's texts and vectors are garbage now: collect them before timing, so the runs see the heap a search
        // API has after loading an index (the 100k vectors live in the index's own arrays), not the build's leftovers.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        var queries = EvalData.Queries(EvalData.Folder("cranfield")).Select(q => q.Text).ToList();
        Console.WriteLine($"Queries: {queries.Count} Cranfield query texts, one per request (mean {queries.Average(q => q.Length):F0} characters), top_k {settings.TopK}, " +
            $"query encoder intra-op threads {settings.QueryThreads}, spinning {settings.Spinning}, {settings.SecondsPerLevel:0.#} s per level");

        // EncodeAsync runs on the thread pool, as in the search API; let it have a thread per client at once instead of
        // growing slowly (ASP.NET's own request threads come from the same pool).
        ThreadPool.SetMinThreads(Math.Max(64, settings.Clients.Max() * 2), 64);
        using var fp32 = BenchmarkModels.Open(models.Float, settings.QueryThreads, batchSize: 1, settings.Spinning);
        using var int8 = BenchmarkModels.Open(models.Int8, settings.QueryThreads, batchSize: 1, settings.Spinning);
        using var precomputed = new PrecomputedEncoder(fp32, queries);
        // As the search API serves queries: at most one encoding per core at a time, the rest queued.
        using var gate = new SemaphoreSlim(Environment.ProcessorCount);
        using var int8Gated = new ConcurrencyLimitedSentenceEncoder(
            BenchmarkModels.Open(models.Int8, settings.QueryThreads, batchSize: 1, settings.Spinning), gate);
        using var fp32Gated = new ConcurrencyLimitedSentenceEncoder(
            BenchmarkModels.Open(models.Float, settings.QueryThreads, batchSize: 1, settings.Spinning), gate);
        var exact = RandomIndex.Open(directory, quantization: false);
        var quantized = RandomIndex.Open(directory, quantization: true);
        var graph = RandomIndex.Open(directory, quantization: false, graphEf: real ? settings.Ef[0] : 0);
        var probe = fp32.Encode([queries[0]])[0];
        await exact.SearchAsync(new VectorSearchRequest(RandomIndex.Corpus, probe, settings.TopK)); // load from disk before timing
        await quantized.SearchAsync(new VectorSearchRequest(RandomIndex.Corpus, probe, settings.TopK));
        await graph.SearchAsync(new VectorSearchRequest(RandomIndex.Corpus, probe, settings.TopK));
        if (real)
        {
            await GraphRecall.PrintAsync(directory, exact, fp32.Encode(queries), settings);
        }

        var results = new List<SearchLoadRunner.Result>();
        var modes = new Dictionary<int, (string, ISentenceEncoder, IVectorIndex)>
        {
            [1] = ("fp32 query, exact index", fp32, exact),
            [2] = ("fp32 query, int8 index", fp32, quantized),
            [3] = ("int8 query, int8 index", int8, quantized),
            [8] = ("index only (precomputed query vectors), int8 index", precomputed, quantized),
            [9] = ("index only (precomputed query vectors), exact index", precomputed, exact),
            [10] = ($"int8 query, HNSW index (ef {settings.Ef[0]})", int8, graph),
            [11] = ($"fp32 query, HNSW index (ef {settings.Ef[0]})", fp32, graph),
            [12] = ($"index only (precomputed query vectors), HNSW index (ef {settings.Ef[0]})", precomputed, graph),
            [13] = ($"int8 query gated, HNSW index (ef {settings.Ef[0]})", int8Gated, graph),
            [14] = ($"fp32 query gated, HNSW index (ef {settings.Ef[0]})", fp32Gated, graph),
            [15] = ("int8 query gated, int8 index", int8Gated, quantized),
        };
        var selected = settings.Modes.Length == 0
            ? modes.Values.ToArray()
            : settings.Modes.Select(m => modes.TryGetValue(m, out var selectedMode) ? selectedMode
                : throw new ArgumentException($"Unknown search mode {m}; modes are {string.Join(", ", modes.Keys)} (4-7, micro-batched, were removed after commit 5612b44).")).ToArray();
        foreach (var (mode, encoder, index) in selected)
        {
            SearchLoadRunner.Run(mode, encoder, index, queries, 1, settings.TopK, TimeSpan.FromSeconds(1)); // warm-up
            foreach (var clients in settings.Clients)
            {
                var (pause0, gen0, gen2) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(2));
                var r = settings.AsyncClients
                    ? SearchLoadRunner.RunAsyncClients(mode, encoder, index, queries, clients, settings.TopK, TimeSpan.FromSeconds(settings.SecondsPerLevel))
                    : SearchLoadRunner.Run(mode, encoder, index, queries, clients, settings.TopK, TimeSpan.FromSeconds(settings.SecondsPerLevel));
                var gcLine = $"GC during the run: {GC.CollectionCount(0) - gen0} collections ({GC.CollectionCount(2) - gen2} gen2), paused {(GC.GetTotalPauseDuration() - pause0).TotalMilliseconds:F0} ms";
                results.Add(r);
                Console.WriteLine($"  {mode,-24} clients {clients,2}: p50 {r.P50Ms,7:F2} ms  p99 {r.P99Ms,7:F2} ms  {r.Qps,6:F1} QPS  " +
                    $"encode {r.EncodeMeanMs,6:F2} ms  {r.CpuMsPerRequest,5:F2} CPU ms/req  load {r.Load:F1}; {gcLine}");
            }
        }

        return results;
    }
}
