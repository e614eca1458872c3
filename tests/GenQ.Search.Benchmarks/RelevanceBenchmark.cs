using System.Diagnostics;
using System.Numerics.Tensors;
using GenQ.Embeddings.Models;

namespace GenQ.Search.Benchmarks;

/// <summary>Zero-shot nDCG@10 on Cranfield: exact cosine retrieval over the whole corpus with fp32 and with int8 MiniLM.</summary>
internal static class RelevanceBenchmark
{
    public sealed record Result(string Model, double NdcgAt10, int Queries, int Documents, double EncodeSeconds, double MeanCosineToFp32);

    public static List<Result> Run(BenchmarkModels models, int threads)
    {
        var folder = EvalData.Folder("cranfield");
        var corpus = EvalData.Corpus(folder);
        var queries = EvalData.Queries(folder).ToDictionary(q => q.Id, q => q.Text, StringComparer.Ordinal);
        var qrels = LocalNdcg.ReadQrels(folder);
        // The same passage text the indexer embeds: title and text joined with a space (GenQ.Runs.PassageText).
        var texts = corpus.Select(d => string.IsNullOrWhiteSpace(d.Title) ? d.Text : $"{d.Title} {d.Text}".Trim()).ToList();
        float[][]? reference = null;
        var results = new List<Result>();
        foreach (var (label, model) in new (string, ModelFolder)[] { ("fp32", models.Float), ("int8", models.Int8) })
        {
            using var encoder = BenchmarkModels.Open(model, threads);
            var clock = Stopwatch.StartNew();
            var docs = encoder.Encode(texts);
            var seconds = clock.Elapsed.TotalSeconds;
            var queryIds = qrels.Keys.ToList();
            var queryVectors = encoder.Encode(queryIds.Select(id => queries[id]).ToList());
            var byQuery = queryIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => queryVectors[x.i], StringComparer.Ordinal);
            var ndcg = LocalNdcg.Mean(qrels, id => corpus.Select((d, j) => (d.Id, TensorPrimitives.Dot(byQuery[id], docs[j]))));
            reference ??= docs;
            var cosine = docs.Select((v, j) => (double)TensorPrimitives.CosineSimilarity(v, reference[j])).Average();
            results.Add(new Result(label, ndcg, qrels.Count, corpus.Count, seconds, cosine));
            Console.WriteLine($"  {label}: nDCG@10 {ndcg:F4} over {qrels.Count} queries, corpus of {corpus.Count} encoded in {seconds:F1} s (load {Machine.LoadAverage.Split(' ')[0]})");
        }

        return results;
    }
}
