namespace GenQ.Embeddings.Inference.Fusion;

/// <summary>
/// What <see cref="TransformerGraphFusion"/> did to one graph: self-attention blocks found (one per Softmax) and fused
/// into com.microsoft.Attention, layer norms found and residual ones fused into com.microsoft.SkipLayerNormalization,
/// and why each Softmax that was left alone did not match.
/// </summary>
public sealed record TransformerFusionReport(
    int AttentionCandidates, int AttentionFused, int LayerNorms, int SkipLayerNormFused, int NodesBefore, int NodesAfter, IReadOnlyList<string> Unmatched)
{
    public bool Changed => AttentionFused + SkipLayerNormFused > 0;

    public override string ToString()
        => $"attention {AttentionFused}/{AttentionCandidates}, skip layer norm {SkipLayerNormFused}/{LayerNorms} layer norms, nodes {NodesBefore} -> {NodesAfter}" +
           (Unmatched.Count > 0 ? $"; unmatched: {string.Join("; ", Unmatched)}" : string.Empty);
}
