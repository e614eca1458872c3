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

    /// <summary>
    /// Batches of one <c>Encode</c> call run at the same time (each ONNX Runtime Run with <see cref="IntraOpThreads"/>).
    /// For bulk encoding on a few cores, <c>IntraOpThreads = 1, ConcurrentBatches = cores</c> avoids the intra-op
    /// synchronisation of small GEMMs; 1 (default) runs batches one after another.
    /// </summary>
    public int ConcurrentBatches { get; set; } = 1;

    /// <summary>Threads across independent operators (parallel execution mode only); 0 lets ONNX Runtime choose.</summary>
    public int InterOpThreads { get; set; }

    /// <summary>Try the CUDA execution provider first; the encoder falls back to CPU (and logs why) when it cannot load.</summary>
    public bool PreferCuda { get; set; } = true;

    public int CudaDeviceId { get; set; }

    /// <summary>
    /// Which file of the model folder runs: fp32 <c>model.onnx</c> (default) or the int8 <c>model.int8.onnx</c> next to
    /// it. Int8 suits query encoding (2-3x faster, small nDCG@10 cost); keep fp32 for corpus encoding.
    /// </summary>
    public EncoderPrecision Precision { get; set; } = EncoderPrecision.Fp32;

    public GraphOptimizationLevel GraphOptimizationLevel { get; set; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>
    /// Let idle intra-op threads spin (ONNX Runtime's default). Spinning lowers latency on a dedicated machine but burns
    /// cores that other processes need on a shared one; set false there.
    /// </summary>
    public bool AllowSpinning { get; set; } = true;

    internal OnnxSessionSettings SessionSettings => new(PreferCuda, CudaDeviceId, IntraOpThreads, InterOpThreads, AllowSpinning, GraphOptimizationLevel);
}
