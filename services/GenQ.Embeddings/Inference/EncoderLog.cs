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

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information,
        Message = "Fused transformer ops of {ModelPath}: {AttentionFused} of {AttentionCandidates} attention blocks into Attention, {SkipLayerNormFused} of {LayerNorms} layer norms into SkipLayerNormalization, {NodesBefore} -> {NodesAfter} nodes{Unmatched}")]
    public static partial void TransformerOpsFused(
        ILogger logger, string modelPath, int attentionFused, int attentionCandidates, int skipLayerNormFused, int layerNorms, int nodesBefore, int nodesAfter, string unmatched);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning,
        Message = "Transformer op fusion of {ModelPath} failed, running the graph as exported: {Reason}")]
    public static partial void TransformerFusionFailed(ILogger logger, string modelPath, string reason);
}
