using System.Diagnostics;
using GenQ.Embeddings.Inference;
using GenQ.Quantization;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// Interleaved comparison of query encoders on this noisy shared machine: every query (or group) is encoded by each
/// variant in turn, so a slow spell of the host slows all variants alike. Prints wall ms per query for each.
/// </summary>
internal static class QueryEncoderAb
{
    /// <summary>
    /// The int8 query model as shipped against a variant of it with per-tensor instead of per-column weight scales; each
    /// alone per query and in length-sorted groups of 4.
    /// </summary>
    public static void CompareInt8Variants(BenchmarkModels models, int rounds)
    {
        var queries = EvalData.Queries(EvalData.Folder("cranfield")).Select(q => q.Text).ToList();
        var perTensor = DynamicInt8Quantizer.QuantizeDynamicInt8(
            models.Float, Path.Combine(models.Root, "int8-per-tensor"), new DynamicQuantizationOptions { PerColumn = false });
        using var shipped = BenchmarkModels.Open(models.Int8, 1, 32);
        using var tensorScales = BenchmarkModels.Open(perTensor, 1, 32);
        var sorted = queries.OrderBy(q => shipped.Tokenizer.Encode(q, 512).Length).ToList();
        Console.WriteLine($"Interleaved A/B of int8 query encoders: {queries.Count} Cranfield queries x {rounds} rounds, one intra-op thread");
        Console.WriteLine("| variant | queries per Run | wall ms per query | vs first |");
        Console.WriteLine("|---|---:|---:|---:|");
        Run([("int8", shipped), ("int8 per-tensor scales", tensorScales)], queries, 1, rounds);
        Run([("int8, length-sorted", shipped), ("int8 per-tensor, length-sorted", tensorScales)], sorted, 4, rounds);
    }

    public static void Run(IReadOnlyList<(string Label, OnnxSentenceEncoder Encoder)> variants, IReadOnlyList<string> queries, int group, int rounds)
    {
        var totals = new double[variants.Count];
        var groups = Enumerable.Range(0, (queries.Count + group - 1) / group).Select(g => queries.Skip(g * group).Take(group).ToList()).ToList();
        foreach (var (_, encoder) in variants)
        {
            foreach (var g in groups.Take(8))
            {
                encoder.Encode(g); // warm-up
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var g in groups)
            {
                for (var v = 0; v < variants.Count; v++)
                {
                    var k = (v + round) % variants.Count; // rotate who goes first
                    var t0 = Stopwatch.GetTimestamp();
                    variants[k].Encoder.Encode(g);
                    totals[k] += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                }
            }
        }

        for (var v = 0; v < variants.Count; v++)
        {
            Console.WriteLine($"| {variants[v].Label} | {group} | {totals[v] / (rounds * queries.Count):F3} | {totals[v] / totals[0]:F3} |");
        }
    }
}
