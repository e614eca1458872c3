namespace GenQ.Embeddings.Inference.Fusion;

/// <summary>Which ONNX Runtime contrib operator replaces a matched self-attention block.</summary>
public enum AttentionFusionKind
{
    /// <summary>Leave self-attention as exported.</summary>
    None,

    /// <summary>
    /// <c>com.microsoft.Attention</c>: the Q/K/V projections packed into one [in, 3*hidden] weight inside the kernel.
    /// ONNX Runtime's CPU kernel computes that projection as many per-head GEMMs (n = head size), which is slow on CPU.
    /// </summary>
    Attention,

    /// <summary>
    /// <c>com.microsoft.MultiHeadAttention</c>: the three projection MatMuls stay (full-width GEMMs); the kernel adds their
    /// biases, splits heads, masks, scales, softmaxes and merges heads.
    /// </summary>
    MultiHeadAttention,
}
