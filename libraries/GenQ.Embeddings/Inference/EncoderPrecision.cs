namespace GenQ.Embeddings.Inference;

/// <summary>Which ONNX file of a model folder <see cref="OnnxSentenceEncoder"/> runs.</summary>
public enum EncoderPrecision
{
    /// <summary><c>model.onnx</c>: the exported float32 model.</summary>
    Fp32,

    /// <summary>
    /// <c>model.int8.onnx</c>: the dynamically quantised copy next to it (GenQ.Quantization writes it). 2-3x faster on
    /// CPUs with VNNI; cosine ≈ 0.99 to fp32, nDCG@10 on Cranfield 0.3812 → 0.3739. Missing file: a clear error.
    /// </summary>
    Int8,

    /// <summary><see cref="Int8"/> when the folder has <c>model.int8.onnx</c>, otherwise <see cref="Fp32"/> (logged).</summary>
    Int8WhenPresent,
}
