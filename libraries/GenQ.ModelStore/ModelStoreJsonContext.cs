using System.Text.Json.Serialization;

namespace GenQ.ModelStore;

/// <summary>The version record as stored in Redis (camelCase JSON).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ModelVersionRecord))]
internal sealed partial class ModelStoreJsonContext : JsonSerializerContext;
