using Microsoft.ML.OnnxRuntime;

namespace GenQ.Embeddings.Inference;

/// <summary>Settings of <see cref="OnnxSentenceEncoder"/> (bind from configuration section <c>OnnxSentenceEncoderOptions</c>).</summary>
public sealed class OnnxSentenceEncoderOptions
{
    /// <summary>Texts per ONNX Runtime call. Texts are sorted by length first, so each batch pads little.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Token limit per text; null uses the model manifest's <c>maxSequenceLength</c>.</summary>
    public int? MaxSequenceLength { get; set; }

    /// <summary>Threads inside one operator; 0 lets ONNX Runtime choose (one per physical core).</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Threads across independent operators (parallel execution mode only); 0 lets ONNX Runtime choose.</summary>
    public int InterOpThreads { get; set; }

    /// <summary>Try the CUDA execution provider first; the encoder falls back to CPU (and logs why) when it cannot load.</summary>
    public bool PreferCuda { get; set; } = true;

    public int CudaDeviceId { get; set; }

    public GraphOptimizationLevel GraphOptimizationLevel { get; set; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>
    /// Let idle intra-op threads spin (ONNX Runtime's default). Spinning lowers latency on a dedicated machine but burns
    /// cores that other processes need on a shared one; set false there.
    /// </summary>
    public bool AllowSpinning { get; set; } = true;
}
