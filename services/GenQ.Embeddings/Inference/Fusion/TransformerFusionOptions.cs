namespace GenQ.Embeddings.Inference.Fusion;

/// <summary>What <see cref="TransformerGraphFusion"/> rewrites.</summary>
public sealed record TransformerFusionOptions
{
    /// <summary>The operator self-attention blocks become (default <see cref="AttentionFusionKind.MultiHeadAttention"/>).</summary>
    public AttentionFusionKind Attention { get; init; } = AttentionFusionKind.MultiHeadAttention;

    /// <summary>
    /// Fuse residual Add (+ dense bias) + layer norm into <c>com.microsoft.SkipLayerNormalization</c>. Off by default: in
    /// ONNX Runtime 1.31 its CPU kernel is several times slower than the Add and LayerNormalization it replaces
    /// (docs/benchmarks/encoder-fusion.md).
    /// </summary>
    public bool SkipLayerNormalization { get; init; }
}
