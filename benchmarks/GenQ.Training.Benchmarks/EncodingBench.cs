using System.Diagnostics;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Embeddings.Tokenization;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Training.Benchmarks;

/// <summary>ONNX Runtime encoding throughput of all-MiniLM-L6-v2 on Cranfield abstracts cut to 60 tokens (fp32).</summary>
internal static class EncodingBench
{
    public static IReadOnlyList<string> Passages(int count)
    {
        var tokenizer = BertWordPieceTokenizer.Create(BaseModelLocator.GetMiniLM().VocabPath);
        return EvalData.ReadCorpus("cranfield")
            .Select(d => d.Text)
            .Where(t => tokenizer.Encode(t, 61).Length == 61) // long enough to fill 60 tokens
            .Take(count)
            .ToList();
    }

    public static (double PerSecond, double PerCpuSecond) PassagesPerSecond(IReadOnlyList<string> passages, int threads, int batchSize, GraphOptimizationLevel level, bool spin)
    {
        using var encoder = OnnxSentenceEncoder.Create(BaseModelLocator.GetMiniLM(), new OnnxSentenceEncoderOptions
        {
            PreferCuda = false,
            IntraOpThreads = threads,
            BatchSize = batchSize,
            MaxSequenceLength = 60,
            GraphOptimizationLevel = level,
            AllowSpinning = spin,
        });
        encoder.Encode(passages.Take(batchSize).ToArray()); // warm-up
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        encoder.Encode(passages);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
        return (passages.Count / clock.Elapsed.TotalSeconds, passages.Count / cpu.TotalSeconds);
    }
}
