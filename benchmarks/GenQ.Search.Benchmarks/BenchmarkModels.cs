using System.Diagnostics;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Quantization;

namespace GenQ.Search.Benchmarks;

/// <summary>all-MiniLM-L6-v2 (fp32) and its int8 copy, quantised by this run into a temporary folder (timed).</summary>
internal sealed class BenchmarkModels : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "genq-search-bench-" + Guid.NewGuid().ToString("N")[..8]);

    public BenchmarkModels()
    {
        Float = BaseModelLocator.GetMiniLM();
        var clock = Stopwatch.StartNew();
        Int8 = DynamicInt8Quantizer.QuantizeDynamicInt8(Float, Path.Combine(_root, "minilm-int8"));
        QuantizeSeconds = clock.Elapsed.TotalSeconds;
    }

    public ModelFolder Float { get; }

    public ModelFolder Int8 { get; }

    public double QuantizeSeconds { get; }

    public string Root => _root;

    public static OnnxSentenceEncoder Open(ModelFolder folder, int threads, int batchSize = 32, bool spinning = false, int concurrentBatches = 1)
        => OnnxSentenceEncoder.Create(folder, new OnnxSentenceEncoderOptions
        {
            BatchSize = batchSize,
            ConcurrentBatches = concurrentBatches,
            IntraOpThreads = threads,
            PreferCuda = false,
            AllowSpinning = spinning, // off by default: on a shared machine spinning threads burn cores other processes need
        });

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
