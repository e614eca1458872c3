namespace GenQ.Embeddings.Models;

/// <summary>
/// The manifest's <c>quantization</c> section: present exactly when the folder holds a quantised model. The full
/// record (counts of quantised operators, sizes) is GenQ.Quantization's <c>quantization.json</c> beside the manifest.
/// </summary>
/// <param name="Method">How the weights were quantised, e.g. <c>dynamic-int8</c>.</param>
/// <param name="SourcePath">The float model folder it was made from.</param>
/// <param name="SourceVersion">That folder's manifest version.</param>
/// <param name="SourceSha256">sha256 of the source <c>model.onnx</c> (lower-case hex).</param>
/// <param name="Weights">The weight scheme, e.g. per-channel symmetric int8.</param>
public sealed record ModelQuantization(string Method, string SourcePath, string SourceVersion, string SourceSha256, string Weights);
