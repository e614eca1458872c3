using Microsoft.Extensions.Logging;

namespace GenQ.Generation;

internal static partial class GenerationLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Query generator: {Generator} ({Reason})")]
    public static partial void GeneratorSelected(ILogger logger, string generator, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "ONNX Runtime execution provider: {Provider} ({Reason})")]
    public static partial void ProviderSelected(ILogger logger, string provider, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information,
        Message = "T5 model {Model}: {Layers} decoder layers, {Heads} heads, vocab {Vocab}, decoder files {DecoderFiles}")]
    public static partial void ModelLoaded(ILogger logger, string model, int layers, int heads, int vocab, string decoderFiles);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug,
        Message = "Generated {Queries} queries for {Passages} passages ({Tokens} tokens, {DroppedEmpty} empty and {DroppedDuplicates} duplicate dropped) in {ElapsedMs} ms")]
    public static partial void BatchGenerated(ILogger logger, int queries, int passages, long tokens, int droppedEmpty, int droppedDuplicates, long elapsedMs);
}
