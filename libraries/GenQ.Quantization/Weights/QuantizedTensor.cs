namespace GenQ.Quantization.Weights;

/// <summary>Symmetric int8 codes and their scales: value ≈ code x scale (zero point 0).</summary>
/// <param name="Codes">int8 codes, same layout as the float tensor they came from.</param>
/// <param name="Scales">One scale (per tensor), one per column, or one per row, as the quantiser was asked.</param>
internal sealed record QuantizedTensor(sbyte[] Codes, float[] Scales);
