using Onnx;

namespace GenQ.Embeddings.Inference.Fusion;

/// <summary>A residual sum followed by layer norm: <c>LayerNorm(projection (+ bias) + residual)</c>.</summary>
internal sealed record SkipLayerNormMatch(string Input, string Skip, string? Bias, LayerNormMatch LayerNorm);

/// <summary>
/// Recognises the residual connections of a BERT layer: layer norm over <c>Add(MatMul(x, W) [+ b], residual)</c> where
/// the residual is the output of an earlier layer norm (so both operands are full [batch, sequence, hidden] tensors,
/// which com.microsoft.SkipLayerNormalization needs; a broadcast Add such as the position embeddings is never taken).
/// </summary>
internal static class SkipLayerNormPattern
{
    public static SkipLayerNormMatch? Match(FusionGraph g, LayerNormMatch layerNorm, ISet<string> layerNormOutputs)
    {
        if (g.Producer(layerNorm.Input, "Add") is not { } sum || sum.Input.Count != 2 || !LayerNormPattern.IsVector(g, layerNorm.Gamma, out var hidden))
        {
            return null;
        }

        foreach (var (residual, other) in new[] { (sum.Input[1], sum.Input[0]), (sum.Input[0], sum.Input[1]) })
        {
            if (!layerNormOutputs.Contains(residual))
            {
                continue;
            }

            if (g.Producer(other, "MatMul") is { } plain && OutputWidth(g, plain) == hidden)
            {
                return new SkipLayerNormMatch(plain.Output[0], residual, null, layerNorm);
            }

            if (g.Producer(other, "Add") is { } addBias && LayerNormPattern.SplitConstant(g, addBias, out var bias, out var product)
                && LayerNormPattern.IsVector(g, bias, out var biasLength) && biasLength == hidden
                && g.Producer(product, "MatMul") is { } matMul && OutputWidth(g, matMul) == hidden)
            {
                return new SkipLayerNormMatch(matMul.Output[0], residual, bias, layerNorm);
            }
        }

        return null;
    }

    /// <summary>The column count of a MatMul by a constant 2-D weight, or -1.</summary>
    private static long OutputWidth(FusionGraph g, NodeProto matMul)
        => g.FloatDims(matMul.Input[1]) is [_, var columns] ? columns : -1;
}
