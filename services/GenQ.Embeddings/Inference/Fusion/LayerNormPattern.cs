using Onnx;

namespace GenQ.Embeddings.Inference.Fusion;

/// <summary>A layer normalisation over the last axis found in a graph: its input, constant scale and shift, epsilon.</summary>
internal sealed record LayerNormMatch(string Input, string Gamma, string Beta, float Epsilon, NodeProto Last);

/// <summary>
/// Recognises layer normalisation over the last axis in the two forms exporters write: one <c>LayerNormalization</c>
/// node (opset 17, GenQ's own exporter), or the opset-13 decomposition PyTorch writes
/// (ReduceMean, Sub, Pow 2, ReduceMean, Add eps, Sqrt, Div, Mul gamma, Add beta).
/// </summary>
internal static class LayerNormPattern
{
    /// <summary>The layer norm whose last node is <paramref name="node"/>, or null.</summary>
    public static LayerNormMatch? Match(FusionGraph g, NodeProto node)
    {
        if (!FusionGraph.IsDefaultDomain(node))
        {
            return null;
        }

        if (node.OpType == "LayerNormalization")
        {
            var axis = FusionGraph.IntAttribute(node, "axis") ?? -1;
            var onlyFirstOutputRead = node.Output.Skip(1).All(o => o.Length == 0 || (g.Consumers(o).Count == 0 && !g.GraphOutputs.Contains(o)));
            if (axis != -1 || node.Input.Count < 3 || !onlyFirstOutputRead || !IsVector(g, node.Input[1], out var h) || !IsVector(g, node.Input[2], out var hb) || h != hb)
            {
                return null;
            }

            return new LayerNormMatch(node.Input[0], node.Input[1], node.Input[2], FusionGraph.FloatAttribute(node, "epsilon") ?? 1e-5f, node);
        }

        return node.OpType == "Add" ? MatchDecomposed(g, node) : null;
    }

    private static LayerNormMatch? MatchDecomposed(FusionGraph g, NodeProto addBeta)
    {
        // y = ((x - mean(x)) / sqrt(mean((x - mean(x))^2) + eps)) * gamma + beta
        if (!SplitConstant(g, addBeta, out var beta, out var scaled) || g.Producer(scaled, "Mul") is not { } mulGamma
            || !SplitConstant(g, mulGamma, out var gamma, out var normalized) || g.Producer(normalized, "Div") is not { } div
            || !IsVector(g, gamma, out var h) || !IsVector(g, beta, out var hb) || h != hb)
        {
            return null;
        }

        if (g.Producer(div.Input[0], "Sub") is not { } sub || g.Producer(div.Input[1], "Sqrt") is not { } sqrt
            || g.Producer(sub.Input[1], "ReduceMean") is not { } mean || mean.Input[0] != sub.Input[0] || !IsLastAxisMean(g, mean)
            || g.Producer(sqrt.Input[0], "Add") is not { } addEps || !SplitConstant(g, addEps, out var epsName, out var variance)
            || g.Scalar(epsName) is not { } epsilon
            || g.Producer(variance, "ReduceMean") is not { } varianceMean || !IsLastAxisMean(g, varianceMean)
            || g.Producer(varianceMean.Input[0], "Pow") is not { } pow || pow.Input[0] != sub.Output[0] || g.Scalar(pow.Input[1]) != 2f)
        {
            return null;
        }

        return new LayerNormMatch(sub.Input[0], gamma, beta, epsilon, addBeta);
    }

    /// <summary>Splits a binary node into its constant operand and its other operand (either order).</summary>
    public static bool SplitConstant(FusionGraph g, NodeProto node, out string constant, out string other)
    {
        constant = other = string.Empty;
        if (node.Input.Count != 2)
        {
            return false;
        }

        var first = g.Constant(node.Input[0]) is not null;
        var second = g.Constant(node.Input[1]) is not null;
        if (first == second)
        {
            return false;
        }

        (constant, other) = first ? (node.Input[0], node.Input[1]) : (node.Input[1], node.Input[0]);
        return true;
    }

    /// <summary>A constant 1-D float tensor; <paramref name="length"/> is its size.</summary>
    public static bool IsVector(FusionGraph g, string name, out long length)
    {
        var dims = g.FloatDims(name);
        length = dims is [var n] ? n : -1;
        return length > 0;
    }

    private static bool IsLastAxisMean(FusionGraph g, NodeProto mean)
    {
        var keepDims = FusionGraph.IntAttribute(mean, "keepdims") ?? 1;
        var axes = FusionGraph.IntsAttribute(mean, "axes") ?? (mean.Input.Count > 1 ? g.Int64s(mean.Input[1]) : null);
        return keepDims == 1 && axes is [-1];
    }
}
