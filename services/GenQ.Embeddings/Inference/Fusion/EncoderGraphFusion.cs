using Microsoft.Extensions.Logging;

namespace GenQ.Embeddings.Inference.Fusion;

/// <summary>The encoder's use of <see cref="TransformerGraphFusion"/> at load time: fuse, log what was fused, never fail the load.</summary>
internal static class EncoderGraphFusion
{
    /// <summary>The fused graph, or null (nothing matched, or the rewrite failed: then the exported graph runs).</summary>
    public static FusedOnnxModel? TryFuse(string modelPath, ILogger logger)
    {
        try
        {
            var fused = TransformerGraphFusion.FuseFile(modelPath);
            var report = fused.Report;
            EncoderLog.TransformerOpsFused(
                logger, modelPath, report.AttentionFused, report.AttentionCandidates, report.SkipLayerNormFused, report.LayerNorms,
                report.NodesBefore, report.NodesAfter, report.Unmatched.Count == 0 ? string.Empty : "; unmatched: " + string.Join("; ", report.Unmatched));
            return report.Changed ? fused : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException or InvalidOperationException or IOException)
        {
            EncoderLog.TransformerFusionFailed(logger, modelPath, ex.Message);
            return null;
        }
    }
}
