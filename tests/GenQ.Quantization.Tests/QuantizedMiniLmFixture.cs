using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;

namespace GenQ.Quantization.Tests;

/// <summary>
/// The real all-MiniLM-L6-v2 folder, its int8 copy made once by <see cref="DynamicInt8Quantizer"/> into a temporary
/// folder, and a CPU encoder for each (both through the unchanged <see cref="OnnxSentenceEncoder"/>).
/// </summary>
public sealed class QuantizedMiniLmFixture : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "genq-quant-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public QuantizedMiniLmFixture()
    {
        Source = BaseModelLocator.GetMiniLM();
        Quantized = DynamicInt8Quantizer.QuantizeDynamicInt8(Source, Path.Combine(_root, "minilm-int8"));
        Float = OnnxSentenceEncoder.Create(Source, Options);
        Int8 = OnnxSentenceEncoder.Create(Quantized, Options);
    }

    public static OnnxSentenceEncoderOptions Options => new() { BatchSize = 16, IntraOpThreads = 2, PreferCuda = false, AllowSpinning = false };

    public ModelFolder Source { get; }

    public ModelFolder Quantized { get; }

    public OnnxSentenceEncoder Float { get; }

    public OnnxSentenceEncoder Int8 { get; }

    /// <summary>A fresh folder path under this fixture's temporary root (not created).</summary>
    public string NewPath(string name) => Path.Combine(_root, name + "-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        Float.Dispose();
        Int8.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
