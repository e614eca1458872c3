using Microsoft.Extensions.Logging;

namespace GenQ.VectorStore.Qdrant;

/// <summary>Log messages of the Qdrant backend.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Qdrant: created collection {Collection} for version {ModelVersion} of corpus {Corpus} ({Dimensions} dimensions)")]
    public static partial void VersionCreated(ILogger logger, string corpus, string modelVersion, int dimensions, string collection);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Qdrant: published version {ModelVersion} of corpus {Corpus} with {Count} points (previous {PreviousVersion})")]
    public static partial void VersionPublished(ILogger logger, string corpus, string modelVersion, long count, string? previousVersion);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Qdrant: corpus {Corpus} switched to version {ModelVersion} (previous {PreviousVersion})")]
    public static partial void VersionActivated(ILogger logger, string corpus, string modelVersion, string? previousVersion);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Qdrant: pruned versions {Versions} of corpus {Corpus}")]
    public static partial void VersionsPruned(ILogger logger, string corpus, string versions);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Information, Message = "Qdrant: sealed version {ModelVersion} of corpus {Corpus} with {Count} points without making it live (live stays {LiveVersion})")]
    public static partial void VersionSealed(ILogger logger, string corpus, string modelVersion, long count, string liveVersion);
}
