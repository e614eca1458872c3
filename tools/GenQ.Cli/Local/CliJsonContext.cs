using System.Text.Json.Serialization;

namespace GenQ.Cli.Local;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GenerationInfo))]
[JsonSerializable(typeof(TrainingInfo))]
[JsonSerializable(typeof(List<SearchHitLine>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
