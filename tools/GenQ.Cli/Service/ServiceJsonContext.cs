using GenQ.Contracts.Corpora;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using GenQ.Contracts.Runs;

namespace GenQ.Cli.Service;

/// <summary>The search API's wire format (web defaults: camelCase, case-insensitive reads), indented for --json output.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(RunStatus))]
[JsonSerializable(typeof(ApiProblem))]
[JsonSerializable(typeof(ApiSearchResponse))]
[JsonSerializable(typeof(RunSummary))]
[JsonSerializable(typeof(CorpusVersion))]
[JsonSerializable(typeof(IReadOnlyList<CorpusVersion>))]
internal sealed partial class ServiceJsonContext : JsonSerializerContext
{
    /// <summary>For output read by people and scripts: non-ASCII and '+' as themselves.</summary>
    public static ServiceJsonContext Readable { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
