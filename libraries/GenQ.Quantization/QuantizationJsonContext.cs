using System.Text.Json.Serialization;

namespace GenQ.Quantization;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(QuantizationInfo))]
internal sealed partial class QuantizationJsonContext : JsonSerializerContext;
