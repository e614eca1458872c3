using GenQ.Contracts.Jobs;
using GenQ.Hybrid;
using GenQ.Lexical;
using GenQ.SearchApi.Search;
using Microsoft.Extensions.Options;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// Dense vs bm25 vs hybrid through the search API's own <see cref="SearchService"/> (query embedding, the vector scan,
/// the lexical index, fusion of the top 100 of each side) over an embedded index of 100,000 passages. By default vectors
/// are random unit vectors (a scan's cost does not depend on them) and texts are the real passages of the five shared
/// collections, cycled (each text occurs ~13 times: longer posting lists than 100k distinct texts). With
/// <c>--vectors real</c>: 100,000 distinct real sentences with their own embeddings, searched through the HNSW graph.
/// </summary>
internal static class HybridBenchmark
{
    private static readonly string[] Collections = ["cranfield", "cisi", "medline", "cacm", "time"];

    public static async Task<List<SearchLoadRunner.Result>> RunAsync(BenchmarkModels models, BenchmarkSettings settings)
    {
        var directory = Path.Combine(models.Root, "hybrid-index");
        var real = settings.Vectors == "real";
        if (real)
        {
            // Distinct real sentences (and 2-3 sentence windows) with their own embeddings, plus the HNSW graph.
            var texts = RealVectors.Texts(settings.Count);
            var vectors = RealVectors.Embed(models.Int8, texts, settings.VectorCache);
            var lexical = LexicalCorpusStatistics.Compute(texts);
            var (build, _) = await RandomIndex.BuildAsync(directory, settings.Count, 384, i => ("", texts[i]), lexical, vectors, graph: true);
            Console.WriteLine($"Index: {settings.Count:N0} real sentence embeddings with their texts (avgdl {lexical.AverageDocumentLength:F1}) x 384 built in {build.TotalSeconds:F1} s");
        }
        else
        {
            var passages = Collections.SelectMany(name => EvalData.Corpus(EvalData.Folder(name))).ToList();
            var texts = passages.Select(p => PassageText.Compose(new(p.Id, p.Title, p.Text))).ToList();
            var lexical = LexicalCorpusStatistics.Compute(Enumerable.Range(0, settings.Count).Select(i => texts[i % texts.Count]));
            var (build, _) = await RandomIndex.BuildAsync(directory, settings.Count, 384, i => (passages[i % passages.Count].Title, passages[i % passages.Count].Text), lexical);
            Console.WriteLine($"Index: {settings.Count:N0} passages ({passages.Count:N0} real texts cycled, avgdl {lexical.AverageDocumentLength:F1}) x 384 built in {build.TotalSeconds:F1} s");
        }

        var queries = EvalData.Queries(EvalData.Folder("cranfield")).Select(q => q.Text).ToList();

        ThreadPool.SetMinThreads(Math.Max(64, settings.Clients.Max() * 2), 64);
        // As the search API serves queries: int8 query model, at most one encoding per core at a time.
        using var gate = new SemaphoreSlim(Environment.ProcessorCount);
        using var int8 = new ConcurrencyLimitedSentenceEncoder(BenchmarkModels.Open(models.Int8, settings.QueryThreads, batchSize: 1, settings.Spinning), gate);
        var results = new List<SearchLoadRunner.Result>();
        var indexes = real
            ? new[] { ($"HNSW index (ef {settings.Ef[0]})", RandomIndex.Open(directory, quantization: false, graphEf: settings.Ef[0])), ("exact index", RandomIndex.Open(directory, false)) }
            : new[] { ("exact index", RandomIndex.Open(directory, false)), ("int8 index", RandomIndex.Open(directory, true)) };
        foreach (var (indexName, index) in indexes)
        {
            var search = new SearchService(index, new FixedEncoderSource(int8), Options.Create(new SearchOptions()));
            foreach (var mode in new[] { SearchMode.Dense, SearchMode.Bm25, SearchMode.Hybrid })
            {
                var label = $"{mode.Name()}, int8 query, {indexName}";
                double Request(int i)
                {
                    var response = search.SearchAsync(RandomIndex.Corpus, queries[i % queries.Count], settings.TopK, mode, CancellationToken.None).GetAwaiter().GetResult()
                        ?? throw new InvalidOperationException("The benchmark corpus has no live version.");
                    return response.Hits.Count > 0 ? 0 : throw new InvalidOperationException($"No hits for query {i}.");
                }

                SearchLoadRunner.Run(label, 1, TimeSpan.FromSeconds(1), Request); // warm-up (opens the lexical index)
                foreach (var clients in settings.Clients)
                {
                    var r = SearchLoadRunner.Run(label, clients, TimeSpan.FromSeconds(settings.SecondsPerLevel), Request);
                    results.Add(r);
                    Console.WriteLine($"  {label,-34} clients {clients,2}: p50 {r.P50Ms,7:F2} ms  p99 {r.P99Ms,7:F2} ms  {r.Qps,6:F1} QPS  {r.CpuMsPerRequest,5:F2} CPU ms/req  load {r.Load:F1}");
                }
            }
        }

        return results;
    }
}
