using Microsoft.Extensions.Logging;

namespace GenQ.Embeddings.CrossEncoding;

internal static partial class CrossEncoderLog
{
    [LoggerMessage(EventId = 5005, Level = LogLevel.Information,
        Message = "Cross-encoder loaded from {ModelPath} on {Provider} (max {MaxSequenceLength} tokens per pair, batch {BatchSize})")]
    public static partial void CrossEncoderLoaded(ILogger logger, string modelPath, string provider, int maxSequenceLength, int batchSize);
}
