using System.Text.Json.Serialization;

namespace GenQ.Evaluation.Reporting;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EvaluationReport))]
public sealed partial class EvaluationJsonContext : JsonSerializerContext;
