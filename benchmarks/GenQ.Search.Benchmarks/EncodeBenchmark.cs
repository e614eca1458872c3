using System.Diagnostics;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// Encoding throughput at ~60 tokens: Cranfield abstracts cut into word windows of 58-62 tokens (with [CLS]/[SEP]),
/// so tokenization does the work of real 60-token passages. Batch 32, tokenization and pooling included.
/// </summary>
internal static class EncodeBenchmark
{
    public sealed record Result(string Model, int Threads, int Passages, double MeanTokens, double[] WallPassagesPerSecond, double PassagesPerCpuSecond, double LoadBefore, double LoadAfter)
    {
        public double Median => WallPassagesPerSecond.Order().ElementAt(WallPassagesPerSecond.Length / 2);

        public double Best => WallPassagesPerSecond.Max();
    }

    public static List<string> Passages(OnnxSentenceEncoder encoder, int count)
    {
        var passages = new List<string>(count);
        foreach (var (_, _, text) in EvalData.Corpus(EvalData.Folder("cranfield")))
        {
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var start = 0;
            while (start < words.Length && passages.Count < count)
            {
                // Grow the window until it fills 58 tokens; keep it if it stays within 62 (no truncation needed).
                var end = start + 30;
                while (end < words.Length && encoder.Tokenizer.Encode(string.Join(' ', words[start..end]), 512).Length < 58)
                {
                    end++;
                }

                var passage = string.Join(' ', words[start..Math.Min(end, words.Length)]);
                var tokens = encoder.Tokenizer.Encode(passage, 512).Length;
                if (tokens is >= 58 and <= 62)
                {
                    passages.Add(passage);
                }

                start = end;
            }

            if (passages.Count == count)
            {
                return passages;
            }
        }

        throw new InvalidOperationException($"Cranfield yields only {passages.Count} passages of ~60 tokens; ask for fewer.");
    }

    public static Result Run(string label, ModelFolder folder, IReadOnlyList<string> passages, int threads, int repeats, int parallel = 1, int batchSize = 32, bool spinning = false)
    {
        using var encoder = BenchmarkModels.Open(folder, threads, batchSize, spinning, concurrentBatches: parallel);
        var meanTokens = passages.Average(p => encoder.Tokenizer.Encode(p, 512).Length);
        encoder.Encode(passages.Take(64).ToList()); // warm-up: first-run allocations, JIT, kernel selection
        var load = Machine.OneMinuteLoad;
        var rates = new double[repeats];
        var cpu = TimeSpan.Zero;
        var wall = 0.0;
        for (var r = 0; r < repeats; r++)
        {
            var cpu0 = Machine.ProcessCpu;
            var clock = Stopwatch.StartNew();
            encoder.Encode(passages); // with parallel > 1: OnnxSentenceEncoderOptions.ConcurrentBatches

            var seconds = clock.Elapsed.TotalSeconds;
            cpu += Machine.ProcessCpu - cpu0;
            wall += seconds;
            rates[r] = passages.Count / seconds;
            Console.WriteLine($"  {label,-5} threads {threads}: {rates[r],6:F1} passages/s (load {Machine.LoadAverage.Split(' ')[0]})");
        }

        return new Result(label, threads, passages.Count, meanTokens, rates, passages.Count * repeats / cpu.TotalSeconds, load, Machine.OneMinuteLoad);
    }
}
