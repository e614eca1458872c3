namespace GenQ.Quantization.Onnx;

/// <summary>What a graph rewrite did.</summary>
internal sealed record QuantizationCounts(
    int MatMulsQuantized,
    int BiasesFolded,
    int MatMulsKeptFloat,
    int EmbeddingTablesQuantized,
    long FloatWeightBytesReplaced,
    long Int8WeightBytesWritten);
