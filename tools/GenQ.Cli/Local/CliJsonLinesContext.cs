using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenQ.Cli.Local;

/// <summary>JSON lines: one compact object per line (gen-queries.jsonl, gen-positives.jsonl).</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(GeneratedQueryLine))]
[JsonSerializable(typeof(GeneratedPositiveLine))]
internal sealed partial class CliJsonLinesContext : JsonSerializerContext
{
    /// <summary>Apostrophes and non-ASCII letters written as themselves (still valid JSON), as BEIR's own files are.</summary>
    public static CliJsonLinesContext Readable { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
