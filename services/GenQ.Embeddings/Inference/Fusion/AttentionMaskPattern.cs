using Onnx;

namespace GenQ.Embeddings.Inference.Fusion;

/// <summary>The additive attention mask of a BERT export: which 2-D graph input it comes from, and its fill value.</summary>
internal sealed record AttentionMaskMatch(string MaskInput, float FilterValue);

/// <summary>
/// Recognises BERT's additive mask <c>(1 - float(mask[:, None, None, :])) * filter</c> built from a 2-D graph input
/// (attention_mask, 1 = token, 0 = padding): exactly what com.microsoft.Attention computes itself from the raw mask
/// with <c>mask_filter_value = filter</c>. PyTorch writes -10000 (older transformers) or float.MinValue (newer, and
/// GenQ's exporter).
/// </summary>
internal static class AttentionMaskPattern
{
    public static AttentionMaskMatch? Match(FusionGraph g, string tensor)
    {
        if (g.Producer(tensor, "Mul") is not { } mul || !LayerNormPattern.SplitConstant(g, mul, out var filterName, out var inverted)
            || g.Scalar(filterName) is not { } filter || !float.IsFinite(filter) || filter >= 0
            || g.Producer(inverted, "Sub") is not { } sub || g.Scalar(sub.Input[0]) != 1f)
        {
            return null;
        }

        // Walk back through the Unsqueezes and the one Cast to float to the graph input: [b, s] -> [b, 1, 1, s].
        var current = sub.Input[1];
        var axes = new List<long>();
        var casts = 0;
        while (!g.GraphInputs.Contains(current))
        {
            var node = g.Producer(current);
            if (node is null || !FusionGraph.IsDefaultDomain(node))
            {
                return null;
            }

            if (node.OpType == "Cast" && FusionGraph.IntAttribute(node, "to") == (int)TensorProto.Types.DataType.Float && casts++ == 0)
            {
                current = node.Input[0];
            }
            else if (node.OpType == "Unsqueeze" && ReshapePattern.UnsqueezeAxes(g, node) is { Length: > 0 } nodeAxes)
            {
                axes.InsertRange(0, nodeAxes); // walking backwards: earlier unsqueezes first
                current = node.Input[0];
            }
            else
            {
                return null;
            }
        }

        var is2D = g.Graph.Input.First(i => i.Name == current).Type?.TensorType?.Shape?.Dim.Count is null or 2;
        return casts == 1 && is2D && axes.SequenceEqual([1L, 2L]) ? new AttentionMaskMatch(current, filter) : null;
    }
}
