using Microsoft.Extensions.Logging;

namespace GenQ.Embeddings.Inference;

internal static partial class EncoderLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Sentence encoder '{ModelName}' version '{Version}' loaded from {ModelPath} on {Provider} (intra-op threads {Threads})")]
    public static partial void EncoderLoaded(ILogger logger, string modelName, string version, string modelPath, string provider, int threads);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning,
        Message = "CUDA execution provider unavailable, running on CPU: {Reason}")]
    public static partial void CudaUnavailable(ILogger logger, string reason);
}
