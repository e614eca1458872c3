using System.Diagnostics;
using GenQ.Contracts.Jobs;
using GenQ.Lexical;
using GenQ.Lexical.Analysis;
using GenQ.VectorStore.Embedded;
using GenQ.VectorStore.Model;

namespace GenQ.VectorStore.Benchmarks;

/// <summary>
/// <c>lexical [--count N] [--dims D] [--seconds S] [--clients 1,8] [--k K]</c>: builds an embedded index of N
/// passages (text sampled from the shared corpora's word frequencies, random unit vectors), then measures BM25
/// (lexical) and exact dense search latency on it at each client count, closed loop. Index part only: no query
/// embedding.
/// </summary>
internal static class LexicalBenchmark
{
    private const string Corpus = "lexbench";

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = BenchmarkSettings.Parse(args);
        settings = args.Contains("--clients") ? settings : settings with { Clients = [1, 8] };
        var directory = settings.Directory ?? Path.Combine(Path.GetTempPath(), "genq-lexical-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var text = SyntheticPassages.Load(FindEvalData());
        var random = new Random(7);
        var passages = Enumerable.Range(0, settings.Count).Select(_ => text.Passage(random)).ToArray();
        var vectors = RandomVectors.Unit(settings.Count, settings.Dimensions, seed: 1);
        var queryVectors = RandomVectors.Unit(1000, settings.Dimensions, seed: 2);
        var analysis = LexicalAnalysis.For(LexicalAnalyzerKind.English);
        Console.WriteLine($"Passages: {settings.Count:N0}, words from a {text.Vocabulary:N0}-word vocabulary; {text.Queries.Length} real queries, " +
            $"mean {text.Queries.Average(q => analysis.Terms(q).Count):F1} analysed terms; dense {settings.Dimensions} dims; top_k {settings.TopK}; {settings.SecondsPerLevel:0.#} s per level");
        Console.WriteLine($"Load average at start: {LoadAverage()}");
        try
        {
            var build = await BuildAsync(directory, passages, vectors);
            var index = new EmbeddedVectorIndex(new VectorStoreOptions { DataDirectory = directory });
            var cold = Stopwatch.StartNew();
            await index.LexicalSearchAsync(new LexicalSearchRequest(Corpus, text.Queries[0], settings.TopK));
            var coldMs = cold.Elapsed.TotalMilliseconds;
            await index.SearchAsync(new VectorSearchRequest(Corpus, queryVectors[0], settings.TopK));
            var lexicalBytes = new DirectoryInfo(Path.Combine(directory, "collections", Corpus, "v1", "lexical")).EnumerateFiles().Sum(f => f.Length);

            var results = new List<LoadResult>();
            var empty = 0;
            void Lexical(int i)
            {
                var hits = index.LexicalSearchAsync(new LexicalSearchRequest(Corpus, text.Queries[i % text.Queries.Length], settings.TopK)).GetAwaiter().GetResult();
                if (hits.Hits.Count == 0)
                {
                    Interlocked.Increment(ref empty);
                }
            }

            void Dense(int i) => index.SearchAsync(new VectorSearchRequest(Corpus, queryVectors[i % queryVectors.Length], settings.TopK)).GetAwaiter().GetResult();
            foreach (var (mode, search) in new (string, Action<int>)[] { ("bm25", Lexical), ("dense exact", Dense) })
            {
                LoadRunner.Run(mode, 1, TimeSpan.FromSeconds(1), search); // warm-up
                foreach (var clients in settings.Clients)
                {
                    var result = LoadRunner.Run(mode, clients, TimeSpan.FromSeconds(settings.SecondsPerLevel), search);
                    results.Add(result);
                    Console.WriteLine($"  {mode,-12} clients {clients,2}: p50 {result.P50Ms,7:F2} ms  p99 {result.P99Ms,7:F2} ms  {result.Qps,7:F1} QPS ({result.Queries} queries)");
                }
            }

            Console.WriteLine();
            Console.WriteLine("| Build step | Time |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine($"| Upsert {settings.Count:N0} passages in calls of 1,000 (segment files + Lucene commit per call) | {build.Upsert.TotalSeconds:F1} s |");
            Console.WriteLine($"| Publish (vector check, Lucene merge to one segment, alias switch) | {build.Publish.TotalSeconds:F1} s |");
            Console.WriteLine($"| Lucene index on disk | {lexicalBytes / 1048576.0:F0} MiB |");
            Console.WriteLine($"| First lexical search after opening (cold) | {coldMs:F0} ms |");
            Console.WriteLine();
            Console.WriteLine($"Load average at end: {LoadAverage()}; queries with no hit: {empty}");
            Console.WriteLine();
            Console.WriteLine("| Mode | Clients | p50 ms | p99 ms | mean ms | QPS | CPU ms/query | queries |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in results)
            {
                Console.WriteLine($"| {r.Mode} | {r.Clients} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.MeanMs:F2} | {r.Qps:F1} | {r.CpuMsPerQuery:F2} | {r.Queries} |");
            }

            return 0;
        }
        finally
        {
            if (settings.Directory is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task<(TimeSpan Upsert, TimeSpan Publish)> BuildAsync(string directory, (string Title, string Text)[] passages, float[][] vectors)
    {
        var builder = new EmbeddedVectorIndex(new VectorStoreOptions { DataDirectory = directory, UpsertBatchSize = 1000 });
        var statistics = LexicalCorpusStatistics.Compute(passages.Select(p => PassageText.Compose(p.Title, p.Text)));
        await builder.CreateVersionAsync(Corpus, "v1", vectors[0].Length, statistics);
        var upsert = Stopwatch.StartNew();
        for (var start = 0; start < passages.Length; start += 1000)
        {
            var points = Enumerable.Range(start, Math.Min(1000, passages.Length - start))
                .Select(i => new VectorPoint($"doc{i}", passages[i].Title, passages[i].Text, vectors[i]))
                .ToArray();
            await builder.UpsertAsync(Corpus, "v1", points);
        }

        upsert.Stop();
        var publish = Stopwatch.StartNew();
        await builder.PublishVersionAsync(Corpus, "v1");
        return (upsert.Elapsed, publish.Elapsed);
    }

    internal static string FindEvalData()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "eval-data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"shared/eval-data was not found above {Environment.CurrentDirectory}.");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
