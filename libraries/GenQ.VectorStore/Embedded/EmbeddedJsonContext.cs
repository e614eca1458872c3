using System.Text.Json.Serialization;

namespace GenQ.VectorStore.Embedded;

/// <summary>Source-generated JSON for the embedded index's small metadata files.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CollectionManifest))]
[JsonSerializable(typeof(AliasState))]
internal sealed partial class EmbeddedJsonContext : JsonSerializerContext;
