using Microsoft.ML.OnnxRuntime;

namespace GenQ.Embeddings.Inference;

/// <summary>The ONNX Runtime session settings the sentence encoder and the cross-encoder share.</summary>
internal sealed record OnnxSessionSettings(
    bool PreferCuda,
    int CudaDeviceId,
    int IntraOpThreads,
    int InterOpThreads,
    bool AllowSpinning,
    GraphOptimizationLevel GraphOptimizationLevel);
