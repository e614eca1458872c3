using System.Text.Json.Serialization;

namespace GenQ.Contracts.Runs;

/// <summary>
/// Where a GenQ run is in the pipeline. Serialized as lowercase words for the API. <see cref="Ready"/>,
/// <see cref="Failed"/> and <see cref="Cancelled"/> are final; a cancelled run (superseded by a newer upload to its
/// corpus, or its corpus deleted) never moves again and its model never goes live.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStage>))]
public enum RunStage
{
    [JsonStringEnumMemberName("ingesting")]
    Ingesting,
    [JsonStringEnumMemberName("generating")]
    Generating,
    /// <summary>Every batch's pairs are stored; the run waits for the trainer (which trains one run at a time).</summary>
    [JsonStringEnumMemberName("waiting-for-trainer")]
    WaitingForTrainer,
    [JsonStringEnumMemberName("training")]
    Training,
    [JsonStringEnumMemberName("indexing")]
    Indexing,
    [JsonStringEnumMemberName("ready")]
    Ready,
    [JsonStringEnumMemberName("failed")]
    Failed,
    /// <summary>Stopped for good; <see cref="RunStatus.Error"/> says why (e.g. "superseded by run X").</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
