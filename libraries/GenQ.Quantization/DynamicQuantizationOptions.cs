namespace GenQ.Quantization;

/// <summary>Settings of <see cref="DynamicInt8Quantizer"/>. The defaults suit BERT sentence encoders such as all-MiniLM-L6-v2.</summary>
public sealed class DynamicQuantizationOptions
{
    /// <summary>
    /// One weight scale per output column of each MatMul (default) instead of one per matrix. Per-column keeps small
    /// columns from being crushed by one large column; ONNX Runtime's DynamicQuantizeMatMul applies it as a broadcast.
    /// </summary>
    public bool PerColumn { get; set; } = true;

    /// <summary>
    /// 7-bit weights (-63..63) instead of -127..127. Needed only on x86 CPUs with AVX2 but without VNNI, where ONNX
    /// Runtime's u8 x s8 kernel (vpmaddubsw) can saturate 16-bit pair sums; CPUs with AVX-VNNI/AVX512-VNNI do not need it.
    /// </summary>
    public bool ReduceRange { get; set; }

    /// <summary>
    /// Also store large embedding tables (Gather over a float initializer) as int8 with one scale per row, dequantised
    /// after the lookup. The word-embedding table is about half of a MiniLM file, so this is what makes the file small;
    /// it does not change speed (a lookup, not a GEMM).
    /// </summary>
    public bool QuantizeEmbeddings { get; set; } = true;

    /// <summary>Embedding tables with fewer elements than this stay float (e.g. the 2 x 384 token-type table).</summary>
    public int MinimumEmbeddingElements { get; set; } = 65_536;

    /// <summary>
    /// Fold the Add of a constant bias that follows a MatMul into DynamicQuantizeMatMul's optional bias input (one
    /// node instead of two, as ONNX Runtime's own MatMulIntegerToFloat fusion does).
    /// </summary>
    public bool FoldBias { get; set; } = true;

    /// <summary>
    /// MatMul node names (or names of their weight initializers) to leave in float, like onnxruntime.quantization's
    /// <c>nodes_to_exclude</c>.
    /// </summary>
    public ISet<string> NodesToExclude { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (MinimumEmbeddingElements < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumEmbeddingElements), MinimumEmbeddingElements, "Must be at least 1.");
        }
    }
}
