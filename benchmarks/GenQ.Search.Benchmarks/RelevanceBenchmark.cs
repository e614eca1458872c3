using System.Diagnostics;
using System.Numerics.Tensors;
using GenQ.Embeddings.Models;
using GenQ.Evaluation.Data;
using GenQ.Evaluation.Metrics;
using GenQ.Evaluation.Retrieval;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// Zero-shot retrieval quality on Cranfield with fp32 and with int8 MiniLM, through GenQ.Evaluation (the same steps as
/// <c>BeirEvaluator.EvaluateDenseMetricsAsync</c>: exact cosine over the whole corpus, trec_eval-style metrics), keeping
/// the document vectors to compare the two models directly.
/// </summary>
internal static class RelevanceBenchmark
{
    public sealed record Result(string Model, MetricReport Report, int Documents, double EncodeSeconds, double MeanCosineToFp32);

    public static async Task<List<Result>> RunAsync(BenchmarkModels models, int threads)
    {
        var dataset = BeirDataset.Load(EvalData.Folder("cranfield"));
        float[][]? reference = null;
        DenseRetriever? fp32Corpus = null;
        var results = new List<Result>();
        foreach (var (label, model) in new (string, ModelFolder)[] { ("fp32", models.Float), ("int8", models.Int8) })
        {
            using var encoder = BenchmarkModels.Open(model, threads);
            var clock = Stopwatch.StartNew();
            var vectors = await DenseRetriever.EncodeCorpusAsync(encoder, dataset.Corpus);
            var seconds = clock.Elapsed.TotalSeconds;
            var retriever = new DenseRetriever(dataset.Corpus.Select(p => p.Id).ToList(), vectors);
            var report = RetrievalMetrics.Evaluate(dataset.Qrels, await retriever.SearchAllAsync(encoder, dataset.Queries));
            reference ??= vectors;
            fp32Corpus ??= retriever;
            var cosine = vectors.Select((v, j) => (double)TensorPrimitives.CosineSimilarity(v, reference[j])).Average();
            results.Add(new Result(label, report, dataset.Corpus.Count, seconds, cosine));
            Console.WriteLine($"  {label}: nDCG@10 {report.Mean.NdcgAt10:F4} over {report.QueryCount} queries, corpus of {dataset.Corpus.Count} encoded in {seconds:F1} s (load {Machine.LoadAverage.Split(' ')[0]})");
        }

        // The search API's mix: int8 query encoder against the fp32-encoded corpus (only the queries change).
        using (var int8 = BenchmarkModels.Open(models.Int8, threads))
        {
            var report = RetrievalMetrics.Evaluate(dataset.Qrels, await fp32Corpus!.SearchAllAsync(int8, dataset.Queries));
            results.Add(new Result("int8 query, fp32 corpus", report, dataset.Corpus.Count, 0, 1));
            Console.WriteLine($"  int8 query, fp32 corpus: nDCG@10 {report.Mean.NdcgAt10:F4}");
        }

        return results;
    }

    /// <summary>Per-query nDCG@10 of <paramref name="other"/> against <paramref name="baseline"/>: (better, same, worse).</summary>
    public static (int Better, int Same, int Worse) Compare(MetricReport baseline, MetricReport other)
    {
        var deltas = baseline.PerQuery.Select(q => other.PerQuery[q.Key].NdcgAt10 - q.Value.NdcgAt10).ToList();
        return (deltas.Count(d => d > 1e-9), deltas.Count(d => Math.Abs(d) <= 1e-9), deltas.Count(d => d < -1e-9));
    }
}
