namespace GenQ.Training.Import;

/// <summary>An ONNX initializer holding one HF parameter; <paramref name="Transposed"/> means it stores W^T (MatMul layout).</summary>
public sealed record OnnxWeightLocation(string Initializer, bool Transposed);
