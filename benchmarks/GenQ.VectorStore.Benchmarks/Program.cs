using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using GenQ.VectorStore;
using GenQ.VectorStore.Benchmarks;
using GenQ.VectorStore.Embedded;
using GenQ.VectorStore.Model;

// Embedded vector index benchmark: build throughput, memory, and search latency/QPS at several client counts,
// exact vs int8. Index part only: query embedding is not included (the search API benchmark adds it).
if (args.Length > 0 && args[0] == "bm25-analyzers")
{
    return Bm25AnalyzerComparison.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "lexical")
{
    return await LexicalBenchmark.RunAsync(args[1..]);
}

var settings = BenchmarkSettings.Parse(args);
var directory = settings.Directory ?? Path.Combine(Path.GetTempPath(), "genq-vector-bench-" + Guid.NewGuid().ToString("N")[..8]);
const string Corpus = "bench";
Console.WriteLine($"Machine: {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.FrameworkDescription}, " +
    $"AVX2 {Avx2.IsSupported}, AVX-512 {Vector512.IsHardwareAccelerated}");
Console.WriteLine($"Load average at start: {LoadAverage()}");
Console.WriteLine($"Index: {settings.Count:N0} random unit vectors x {settings.Dimensions} dims, top_k {settings.TopK}, {settings.SecondsPerLevel:0.#} s per level, data in {directory}");

var vectors = RandomVectors.Unit(settings.Count, settings.Dimensions, seed: 1);
var queries = RandomVectors.Unit(1000, settings.Dimensions, seed: 2);
try
{
    var (upsert, publish, total) = await BuildAsync(directory, Corpus, vectors, settings);
    var diskBytes = new DirectoryInfo(Path.Combine(directory, "collections")).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    var exact = await OpenAsync(directory, quantization: false, Corpus, queries[0]);
    var int8 = await OpenAsync(directory, quantization: true, Corpus, queries[0]);
    var exactSplit = new EmbeddedVectorIndex(new VectorStoreOptions { DataDirectory = directory, SplitLoneSearches = true });
    var int8Split = new EmbeddedVectorIndex(new VectorStoreOptions { DataDirectory = directory, Quantization = true, SplitLoneSearches = true });

    // Recall of int8 (with float re-scoring) against exact on 200 queries.
    var found = 0;
    for (var q = 0; q < 200; q++)
    {
        var truth = (await exact.Index.SearchAsync(new VectorSearchRequest(Corpus, queries[q], 10))).Hits.Select(h => h.PassageId).ToHashSet();
        found += (await int8.Index.SearchAsync(new VectorSearchRequest(Corpus, queries[q], 10))).Hits.Count(h => truth.Contains(h.PassageId));
    }

    var results = new List<LoadResult>();
    var modes = new[] { ("exact", exact.Index, settings.Clients), ("int8", int8.Index, settings.Clients),
        ("exact, split", (IVectorIndex)exactSplit, [1]), ("int8, split", int8Split, [1]) };
    foreach (var (mode, index, levels) in modes)
    {
        LoadRunner.Run(index, mode, Corpus, queries, 1, settings.TopK, TimeSpan.FromSeconds(1)); // warm-up (JIT, load, caches)
        foreach (var clients in levels)
        {
            var result = LoadRunner.Run(index, mode, Corpus, queries, clients, settings.TopK, TimeSpan.FromSeconds(settings.SecondsPerLevel));
            results.Add(result);
            Console.WriteLine($"  {mode,-15} clients {clients,2}: p50 {result.P50Ms,7:F2} ms  p99 {result.P99Ms,7:F2} ms  {result.Qps,7:F1} QPS  {result.CpuMsPerQuery,6:F2} CPU ms/query ({result.Queries} queries)");
        }
    }

    Console.WriteLine();
    Console.WriteLine("| Build step | Time | Throughput |");
    Console.WriteLine("|---|---:|---:|");
    Console.WriteLine($"| Upsert {settings.Count:N0} points (calls of 1,000; segment files, fsync) | {upsert.TotalSeconds:F2} s | {settings.Count / upsert.TotalSeconds:N0} points/s |");
    Console.WriteLine($"| Publish (read segments, de-duplicate, alias switch) | {publish.TotalSeconds:F2} s | |");
    Console.WriteLine($"| Create + upsert + publish | {total.TotalSeconds:F2} s | {settings.Count / total.TotalSeconds:N0} points/s |");
    Console.WriteLine();
    Console.WriteLine("| Memory and disk | exact | int8 |");
    Console.WriteLine("|---|---:|---:|");
    Console.WriteLine($"| Cold load from disk (first search) | {exact.LoadMs:N0} ms | {int8.LoadMs:N0} ms |");
    var floatBytes = (double)settings.Count * settings.Dimensions * sizeof(float);
    var int8Bytes = ((double)settings.Count * settings.Dimensions) + ((double)settings.Count * sizeof(float));
    Console.WriteLine($"| Vector memory (float32 matrix; int8 adds codes + one scale per row) | {floatBytes / 1048576.0:N0} MiB | {(floatBytes + int8Bytes) / 1048576.0:N0} MiB |");
    Console.WriteLine($"| Process working set after loading (includes the benchmark's own {settings.Count:N0} source vectors) | {exact.WorkingSet / 1048576.0:N0} MiB | {int8.WorkingSet / 1048576.0:N0} MiB (both loaded) |");
    Console.WriteLine($"| Files on disk | {diskBytes / 1048576.0:N0} MiB | same files |");
    Console.WriteLine($"| int8 recall@10 vs exact (200 queries) | 1.000 | {found / 2000.0:F3} |");
    Console.WriteLine();
    Console.WriteLine($"Load average at end: {LoadAverage()}");
    Console.WriteLine();
    Console.WriteLine("| Mode | Clients | p50 ms | p99 ms | mean ms | QPS | CPU ms/query | queries |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var r in results)
    {
        Console.WriteLine($"| {r.Mode} | {r.Clients} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.MeanMs:F2} | {r.Qps:F1} | {r.CpuMsPerQuery:F2} | {r.Queries} |");
    }

    GC.KeepAlive(exact.Index);
    GC.KeepAlive(int8.Index);
}
finally
{
    if (settings.Directory is null)
    {
        Directory.Delete(directory, recursive: true);
    }
}

return 0;

// Opens a fresh instance on the directory and loads the collection with one search; returns load time and the process working set afterwards.
static async Task<(IVectorIndex Index, double LoadMs, long WorkingSet)> OpenAsync(string directory, bool quantization, string corpus, float[] query)
{
    var index = new EmbeddedVectorIndex(new VectorStoreOptions { DataDirectory = directory, Quantization = quantization });
    var load = Stopwatch.StartNew();
    await index.SearchAsync(new VectorSearchRequest(corpus, query, 10));
    load.Stop();
    GC.Collect();
    GC.WaitForPendingFinalizers();
    return (index, load.Elapsed.TotalMilliseconds, Environment.WorkingSet);
}

// Create, upsert in indexer-sized calls of 1,000 points, publish (seal + load + alias switch). A separate method so
// that nothing of the building instance stays reachable afterwards.
static async Task<(TimeSpan Upsert, TimeSpan Publish, TimeSpan Total)> BuildAsync(string directory, string corpus, float[][] vectors, BenchmarkSettings settings)
{
    var builder = new EmbeddedVectorIndex(new VectorStoreOptions { DataDirectory = directory, UpsertBatchSize = 1000 });
    var total = Stopwatch.StartNew();
    await builder.CreateVersionAsync(corpus, "v1", settings.Dimensions);
    var upsert = Stopwatch.StartNew();
    for (var start = 0; start < settings.Count; start += 1000)
    {
        await builder.UpsertAsync(corpus, "v1", RandomVectors.Points(vectors, start, Math.Min(1000, settings.Count - start)));
    }

    upsert.Stop();
    var publish = Stopwatch.StartNew();
    await builder.PublishVersionAsync(corpus, "v1");
    return (upsert.Elapsed, publish.Elapsed, total.Elapsed);
}

// Other processes compete for the cores on a shared machine; the 1-minute load average says how much.
static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
