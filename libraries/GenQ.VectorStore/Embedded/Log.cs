using Microsoft.Extensions.Logging;

namespace GenQ.VectorStore.Embedded;

/// <summary>Log messages of the embedded index.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Embedded index: created version {ModelVersion} of corpus {Corpus} ({Dimensions} dimensions)")]
    public static partial void VersionCreated(ILogger logger, string corpus, string modelVersion, int dimensions);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Embedded index: published version {ModelVersion} of corpus {Corpus} with {Count} points (previous {PreviousVersion}) in {ElapsedMs} ms")]
    public static partial void VersionPublished(ILogger logger, string corpus, string modelVersion, int count, string? previousVersion, long elapsedMs);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Embedded index: corpus {Corpus} switched to version {ModelVersion} (previous {PreviousVersion})")]
    public static partial void VersionActivated(ILogger logger, string corpus, string modelVersion, string? previousVersion);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Embedded index: pruned versions {Versions} of corpus {Corpus}")]
    public static partial void VersionsPruned(ILogger logger, string corpus, string versions);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Embedded index: loaded version {ModelVersion} of corpus {Corpus}: {Count} points, int8 {Quantized}, search {SearchKind} ({GraphStatus}), {ElapsedMs} ms")]
    public static partial void CollectionLoaded(ILogger logger, string corpus, string modelVersion, int count, bool quantized, string searchKind, string graphStatus, long elapsedMs);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information, Message = "Embedded index: built the HNSW graph of version {ModelVersion} of corpus {Corpus} ({Count} points, M {M}, efConstruction {EfConstruction}) in {ElapsedMs} ms")]
    public static partial void GraphBuilt(ILogger logger, string corpus, string modelVersion, int count, int m, int efConstruction, long elapsedMs);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Information, Message = "Embedded index: sealed version {ModelVersion} of corpus {Corpus} with {Count} points without making it live (live stays {LiveVersion}) in {ElapsedMs} ms")]
    public static partial void VersionSealed(ILogger logger, string corpus, string modelVersion, int count, string liveVersion, long elapsedMs);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Information, Message = "Embedded index: deleted corpus {Corpus} with versions {Versions}")]
    public static partial void CorpusDeleted(ILogger logger, string corpus, string versions);

    [LoggerMessage(EventId = 1109, Level = LogLevel.Information, Message = "Embedded index: appended {Appended} points to published version {ModelVersion} of corpus {Corpus}: {Count} points, revision {Revision}")]
    public static partial void VersionAppended(ILogger logger, string corpus, string modelVersion, int appended, int count, int revision);
}
