using System.Diagnostics;
using GenQ.Embeddings.Inference;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// Interleaved comparison of query encoders on this noisy shared machine: every query (or group) is encoded by each
/// variant in turn, so a slow spell of the host slows all variants alike. Prints wall ms per query for each.
/// </summary>
internal static class QueryEncoderAb
{
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
