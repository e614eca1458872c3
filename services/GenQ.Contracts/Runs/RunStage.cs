using System.Text.Json.Serialization;

namespace GenQ.Contracts.Runs;

/// <summary>Where a GenQ run is in the pipeline. Serialized as lowercase words for the API.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStage>))]
public enum RunStage
{
    [JsonStringEnumMemberName("ingesting")]
    Ingesting,
    [JsonStringEnumMemberName("generating")]
    Generating,
    [JsonStringEnumMemberName("training")]
    Training,
    [JsonStringEnumMemberName("indexing")]
    Indexing,
    [JsonStringEnumMemberName("ready")]
    Ready,
    [JsonStringEnumMemberName("failed")]
    Failed,
}
