using GenQ.Search.Benchmarks;

// Search-path benchmark (issue 5): (a) encoding throughput fp32 vs int8, (b) end-to-end search latency including query
// embedding over a 100,000 x 384 embedded index, (c) zero-shot nDCG@10 on Cranfield fp32 vs int8. Prints markdown tables.
var settings = BenchmarkSettings.Parse(args);
Console.WriteLine($"Machine: {Machine.Description}");
Console.WriteLine($"Load average at start: {Machine.LoadAverage}");
using var models = new BenchmarkModels();
Console.WriteLine($"Quantised {models.Float.Path} -> {models.Int8.Path} in {models.QuantizeSeconds:F1} s: model.onnx " +
    $"{new FileInfo(models.Float.ModelPath).Length / 1048576.0:F1} MiB -> {new FileInfo(models.Int8.ModelPath).Length / 1048576.0:F1} MiB");
var all = settings.Command == "all";

if (settings.Command == "query")
{
    var queries = EvalData.Queries(EvalData.Folder("cranfield")).Select(q => q.Text).ToList();
    Console.WriteLine($"Query encoding alone: {queries.Count} Cranfield queries, intra-op threads {settings.QueryThreads}, spinning {settings.Spinning}");
    Console.WriteLine("| model | queries per Run | wall ms per query | CPU ms per query | load |");
    Console.WriteLine("|---|---:|---:|---:|---|");
    foreach (var (label, folder) in new[] { ("fp32", models.Float), ("int8", models.Int8) })
    {
        using var encoder = BenchmarkModels.Open(folder, settings.QueryThreads, 32, settings.Spinning);
        var sorted = queries.OrderBy(q => encoder.Tokenizer.Encode(q, 512).Length).ToList();
        foreach (var group in new[] { 1, 8, 1, 8 })
        {
            QueryEncodeBenchmark.Run(label, encoder, queries, group);
            QueryEncodeBenchmark.Run(label + " (length-sorted groups)", encoder, sorted, group);
        }
    }
}

if (settings.Command == "stalls")
{
    Console.WriteLine($"Host stalls: busy threads reading the clock for {settings.SecondsPerLevel:0.#} s; every gap between two reads is time the thread did not run");
    HostStallProbe.PrintHeader();
    foreach (var threads in settings.Clients)
    {
        HostStallProbe.Print(threads, TimeSpan.FromSeconds(settings.SecondsPerLevel));
    }

    Console.WriteLine();
    Console.WriteLine("Host speed: busy threads repeating one fixed piece of arithmetic; how long each repetition took");
    HostStallProbe.PrintWorkHeader();
    foreach (var threads in settings.Clients)
    {
        HostStallProbe.PrintWorkTimes(threads, TimeSpan.FromSeconds(settings.SecondsPerLevel));
    }
}

if (settings.Command == "queryab")
{
    QueryEncoderAb.CompareInt8Variants(models, settings.Repeats);
}

if (settings.Command == "profile")
{
    using var probe = BenchmarkModels.Open(models.Float, 1);
    var passages = EncodeBenchmark.Passages(probe, settings.Passages);
    var queries = EvalData.Queries(EvalData.Folder("cranfield")).Select(q => q.Text).ToList();
    OperatorProfile.Print("fp32 passages", models.Float, passages, 32, settings.Threads);
    OperatorProfile.Print("int8 passages", models.Int8, passages, 32, settings.Threads);
    OperatorProfile.Print("fp32 queries", models.Float, queries, 1, settings.Threads);
    OperatorProfile.Print("int8 queries", models.Int8, queries, 1, settings.Threads);
}

if (settings.Command == "graph")
{
    GraphProbe.Print("fp32", models.Float, Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_ENABLE_ALL);
    GraphProbe.Print("int8", models.Int8, Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_ENABLE_ALL);
}

if (all || settings.Command == "encode")
{
    Console.WriteLine();
    Console.WriteLine($"(a) Encoding throughput: {settings.Passages} passages of ~60 tokens, batch 32, intra-op threads {settings.Threads}, {settings.Repeats} repeats");
    using var probe = BenchmarkModels.Open(models.Float, 1);
    var passages = EncodeBenchmark.Passages(probe, settings.Passages);
    var rows = settings.Variants
        ? new[]
        {
            EncodeBenchmark.Run("fp32", models.Float, passages, 2, settings.Repeats),
            EncodeBenchmark.Run("fp32 1 thread x 2 concurrent batches", models.Float, passages, 1, settings.Repeats, parallel: 2),
            EncodeBenchmark.Run("fp32 spinning", models.Float, passages, 2, settings.Repeats, spinning: true),
            EncodeBenchmark.Run("fp32 batch 64", models.Float, passages, 2, settings.Repeats, batchSize: 64),
            EncodeBenchmark.Run("fp32 batch 16", models.Float, passages, 2, settings.Repeats, batchSize: 16),
            EncodeBenchmark.Run("fp32", models.Float, passages, 2, settings.Repeats),
            EncodeBenchmark.Run("fp32 1 thread x 2 concurrent batches", models.Float, passages, 1, settings.Repeats, parallel: 2),
        }
        : new[]
        {
            EncodeBenchmark.Run("fp32", models.Float, passages, settings.Threads, settings.Repeats, settings.Parallel, spinning: settings.Spinning),
            EncodeBenchmark.Run("int8", models.Int8, passages, settings.Threads, settings.Repeats, settings.Parallel, spinning: settings.Spinning),
        };
    Console.WriteLine();
    Console.WriteLine("| model | threads | passages x repeats | mean tokens | median passages/s | best passages/s | passages per CPU-second | load avg before / after |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
    foreach (var r in rows)
    {
        Console.WriteLine($"| {r.Model} | {r.Threads} | {r.Passages} x {r.WallPassagesPerSecond.Length} | {r.MeanTokens:F1} | {r.Median:F1} | {r.Best:F1} | {r.PassagesPerCpuSecond:F1} | {r.LoadBefore:F1} / {r.LoadAfter:F1} |");
    }
}

if (all || settings.Command == "search")
{
    Console.WriteLine();
    Console.WriteLine("(b) End-to-end search latency including query embedding");
    var rows = await SearchBenchmark.RunAsync(models, settings);
    Console.WriteLine();
    Console.WriteLine("| mode | clients | p50 ms | p99 ms | mean ms | QPS | of which encode (mean ms) | CPU ms/request | requests | load avg |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var r in rows)
    {
        Console.WriteLine($"| {r.Mode} | {r.Clients} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.MeanMs:F2} | {r.Qps:F1} | {r.EncodeMeanMs:F2} | {r.CpuMsPerRequest:F2} | {r.Requests} | {r.Load:F1} |");
    }
}

if (all || settings.Command == "hybrid")
{
    Console.WriteLine();
    Console.WriteLine("(d) Dense vs bm25 vs hybrid through SearchService (query embedding included), top 100 per side fused");
    var rows = await HybridBenchmark.RunAsync(models, settings);
    Console.WriteLine();
    Console.WriteLine("| mode | clients | p50 ms | p99 ms | mean ms | QPS | CPU ms/request | requests | load avg |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var r in rows)
    {
        Console.WriteLine($"| {r.Mode} | {r.Clients} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.MeanMs:F2} | {r.Qps:F1} | {r.CpuMsPerRequest:F2} | {r.Requests} | {r.Load:F1} |");
    }
}

if (all || settings.Command == "ndcg")
{
    Console.WriteLine();
    Console.WriteLine($"(c) Zero-shot nDCG@10 on Cranfield through GenQ.Evaluation (exact cosine over the corpus), intra-op threads {settings.Threads}");
    var rows = await RelevanceBenchmark.RunAsync(models, settings.Threads);
    Console.WriteLine();
    Console.WriteLine("| model | nDCG@10 | MRR@10 | Recall@100 | queries | documents | corpus encode s | mean cosine of document vectors to fp32 |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var r in rows)
    {
        var m = r.Report.Mean;
        Console.WriteLine($"| {r.Model} | {m.NdcgAt10:F4} | {m.MrrAt10:F4} | {m.RecallAt100:F4} | {r.Report.QueryCount} | {r.Documents} | {r.EncodeSeconds:F1} | {r.MeanCosineToFp32:F4} |");
    }

    foreach (var row in rows.Skip(1))
    {
        var (better, same, worse) = RelevanceBenchmark.Compare(rows[0].Report, row.Report);
        Console.WriteLine($"Per query, {row.Model} vs fp32 nDCG@10: better {better}, same {same}, worse {worse}");
    }
}

Console.WriteLine();
Console.WriteLine($"Load average at end: {Machine.LoadAverage}");
