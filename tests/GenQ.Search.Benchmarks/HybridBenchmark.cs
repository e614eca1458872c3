using GenQ.Hybrid;
using GenQ.Lexical;
using GenQ.Runs;
using GenQ.SearchApi.Search;
using Microsoft.Extensions.Options;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// Dense vs bm25 vs hybrid through the search API's own <see cref="SearchService"/> (query embedding, the vector scan,
/// the lexical index, fusion of the top 100 of each side) over an embedded index of 100,000 passages. Vectors are random
/// unit vectors (a scan's cost does not depend on them); texts are the real passages of the five shared collections,
/// cycled, so BM25 walks real English posting lists (each text occurs ~13 times: longer lists than 100k distinct texts).
/// </summary>
internal static class HybridBenchmark
{
    private static readonly string[] Collections = ["cranfield", "cisi", "medline", "cacm", "time"];

    public static async Task<List<SearchLoadRunner.Result>> RunAsync(BenchmarkModels models, BenchmarkSettings settings)
    {
        var passages = Collections.SelectMany(name => EvalData.Corpus(EvalData.Folder(name))).ToList();
        var texts = passages.Select(p => PassageText.Compose(new(p.Id, p.Title, p.Text))).ToList();
        var lexical = LexicalCorpusStatistics.Compute(Enumerable.Range(0, settings.Count).Select(i => texts[i % texts.Count]));
        var directory = Path.Combine(models.Root, "hybrid-index");
        var (build, _) = await RandomIndex.BuildAsync(directory, settings.Count, 384, i => (passages[i % passages.Count].Title, passages[i % passages.Count].Text), lexical);
        Console.WriteLine($"Index: {settings.Count:N0} passages ({passages.Count:N0} real texts cycled, avgdl {lexical.AverageDocumentLength:F1}) x 384 built in {build.TotalSeconds:F1} s");
        var queries = EvalData.Queries(EvalData.Folder("cranfield")).Select(q => q.Text).ToList();

        ThreadPool.SetMinThreads(Math.Max(64, settings.Clients.Max() * 2), 64);
        using var int8 = BenchmarkModels.Open(models.Int8, settings.QueryThreads, batchSize: 1, settings.Spinning);
        var results = new List<SearchLoadRunner.Result>();
        foreach (var quantized in new[] { false, true })
        {
            var index = RandomIndex.Open(directory, quantized);
            var search = new SearchService(index, new FixedEncoderSource(int8), Options.Create(new SearchOptions()));
            var indexName = quantized ? "int8 index" : "exact index";
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
