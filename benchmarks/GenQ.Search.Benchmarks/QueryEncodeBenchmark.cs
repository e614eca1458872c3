using System.Diagnostics;
using GenQ.Embeddings.Inference;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// Query encoding alone, single caller: every Cranfield query encoded one at a time, and in groups of 8 (what the
/// removed micro-batching experiment formed under 8 clients). Wall and CPU milliseconds per query.
/// </summary>
internal static class QueryEncodeBenchmark
{
    public static void Run(string label, OnnxSentenceEncoder encoder, IReadOnlyList<string> queries, int group)
    {
        for (var i = 0; i < 16; i++)
        {
            encoder.Encode(queries.Skip(i * group).Take(group).ToList()); // warm-up
        }

        var cpu0 = Machine.ProcessCpu;
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < queries.Count; start += group)
        {
            encoder.Encode(queries.Skip(start).Take(group).ToList());
        }

        var wall = clock.Elapsed.TotalMilliseconds;
        var cpu = (Machine.ProcessCpu - cpu0).TotalMilliseconds;
        Console.WriteLine($"| {label} | {group} | {wall / queries.Count:F2} | {cpu / queries.Count:F2} | {Machine.LoadAverage.Split(' ')[0]} |");
    }
}
