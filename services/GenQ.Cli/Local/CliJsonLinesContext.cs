using System.Text.Json.Serialization;

namespace GenQ.Cli.Local;

/// <summary>JSON lines: one compact object per line (gen-queries.jsonl).</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(GeneratedQueryLine))]
internal sealed partial class CliJsonLinesContext : JsonSerializerContext;
