using System.Text.Json;
using System.Text.Json.Serialization;
using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;

namespace GenQ.Contracts;

/// <summary>Source-generated JSON for every wire type: no reflection on the hot path, trimming-safe.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GeneratePassagesJob))]
[JsonSerializable(typeof(TrainingPairsJob))]
[JsonSerializable(typeof(IndexModelJob))]
[JsonSerializable(typeof(TrainRunJob))]
[JsonSerializable(typeof(AppendPassagesJob))]
[JsonSerializable(typeof(PassageRecord))]
[JsonSerializable(typeof(RunStatus))]
[JsonSerializable(typeof(RunHybridReport))]
[JsonSerializable(typeof(PromotionReport))]
[JsonSerializable(typeof(RunTrainingReport))]
[JsonSerializable(typeof(RunAppendReport))]
[JsonSerializable(typeof(IReadOnlyList<QueryPassagePair>))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
