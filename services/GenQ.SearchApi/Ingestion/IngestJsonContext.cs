using System.Text.Json.Serialization;

namespace GenQ.SearchApi.Ingestion;

[JsonSerializable(typeof(CorpusDocument))]
internal sealed partial class IngestJsonContext : JsonSerializerContext;
