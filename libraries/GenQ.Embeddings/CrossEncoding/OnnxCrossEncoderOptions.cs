using GenQ.Embeddings.Inference;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Embeddings.CrossEncoding;

/// <summary>Settings of <see cref="OnnxCrossEncoder"/> (bind from configuration section <c>OnnxCrossEncoderOptions</c>).</summary>
public sealed class OnnxCrossEncoderOptions
{
    /// <summary>(query, passage) pairs per ONNX Runtime call; pairs are sorted by length first, so each batch pads little.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>
    /// Token limit of <c>[CLS] query [SEP] passage [SEP]</c> (the passage is cut first). Null: 512 (the model's limit)
    /// on CUDA, 256 on CPU, where attention cost grows with the square of the length and GenQ's student reads passages
    /// only up to 256 tokens anyway (<c>TrainingOptions.MaxPassageLength</c>).
    /// </summary>
    public int? MaxSequenceLength { get; set; }

    /// <summary>Lower-case before WordPiece (true for the uncased ms-marco MiniLM cross-encoders).</summary>
    public bool LowerCase { get; set; } = true;

    /// <summary>Threads inside one operator; 0 lets ONNX Runtime choose (one per physical core).</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Threads across independent operators (parallel execution mode only); 0 lets ONNX Runtime choose.</summary>
    public int InterOpThreads { get; set; }

    /// <summary>Try the CUDA execution provider first; falls back to CPU (and logs why) when it cannot load.</summary>
    public bool PreferCuda { get; set; } = true;

    public int CudaDeviceId { get; set; }

    /// <summary>Let idle intra-op threads spin; set false on machines shared with other busy processes.</summary>
    public bool AllowSpinning { get; set; } = true;

    public GraphOptimizationLevel GraphOptimizationLevel { get; set; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    internal OnnxSessionSettings SessionSettings => new(PreferCuda, CudaDeviceId, IntraOpThreads, InterOpThreads, AllowSpinning, GraphOptimizationLevel);
}
