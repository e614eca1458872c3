using System.Text.Json;
using System.Text.Json.Serialization;
using GenQ.Contracts.Runs;

namespace GenQ.WebApp.Services;

/// <summary>The API's JSON (web defaults: camelCase) for every type the web app reads.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SearchResultDto))]
[JsonSerializable(typeof(List<CorpusSummaryDto>))]
[JsonSerializable(typeof(CorpusSummaryDto))]
[JsonSerializable(typeof(RunStatus))]
[JsonSerializable(typeof(EvaluationReportDto))]
[JsonSerializable(typeof(ProblemDetailsDto))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class WebAppJsonContext : JsonSerializerContext;
