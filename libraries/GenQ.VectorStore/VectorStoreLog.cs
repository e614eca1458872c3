using Microsoft.Extensions.Logging;

namespace GenQ.VectorStore;

/// <summary>Log messages of backend selection.</summary>
internal static partial class VectorStoreLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Vector index backend: {Kind} at {Location} because {Reason}")]
    public static partial void BackendSelected(ILogger logger, Model.VectorIndexBackendKind kind, string location, string reason);
}
