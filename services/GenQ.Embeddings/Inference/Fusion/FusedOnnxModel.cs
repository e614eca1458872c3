namespace GenQ.Embeddings.Inference.Fusion;

/// <summary>A serialised ONNX model after <see cref="TransformerGraphFusion"/> (load it with <c>new InferenceSession(byte[])</c>).</summary>
public sealed record FusedOnnxModel(byte[] Model, TransformerFusionReport Report);
