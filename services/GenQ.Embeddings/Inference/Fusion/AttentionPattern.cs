using Onnx;

namespace GenQ.Embeddings.Inference.Fusion;

/// <summary>One BERT self-attention block found in a graph, with what com.microsoft.Attention needs to replace it.</summary>
internal sealed record AttentionMatch(
    string Input, string[] Weights, string[] Biases, string[] Projections, long InputHidden, long Hidden, int NumHeads, float Scale, AttentionMaskMatch Mask, NodeProto Output);

/// <summary>
/// Recognises BERT self-attention around one Softmax, backwards and forwards:
/// <code>
/// q|k|v = Reshape(MatMul(x, W) + b, [b, s, heads, d]) ; Transpose q, v (0,2,1,3), k (0,2,3,1)
/// probs = Softmax(MatMul(q, k) / c + mask, axis -1)     (or * c)
/// out   = Reshape(Transpose(MatMul(probs, v), 0,2,1,3), [b, s, heads * d])
/// </code>
/// Anything else (another mask form, a shared projection input that differs, other permutations) is no match.
/// </summary>
internal static class AttentionPattern
{
    private static readonly long[] HeadsFirst = [0, 2, 1, 3];
    private static readonly long[] KeyTransposed = [0, 2, 3, 1];

    public static AttentionMatch? Match(FusionGraph g, NodeProto softmax, long opset, out string reason)
    {
        reason = string.Empty;
        var axis = FusionGraph.IntAttribute(softmax, "axis");
        if (!(axis is -1 or 3 || (axis is null && opset >= 13)))
        {
            return Fail("softmax is not over the last axis", out reason);
        }

        if (g.Producer(softmax.Input[0], "Add") is not { } addMask)
        {
            return Fail("softmax input is not scores + mask", out reason);
        }

        var (mask, scaled) = AttentionMaskPattern.Match(g, addMask.Input[1]) is { } m1 ? (m1, addMask.Input[0])
            : AttentionMaskPattern.Match(g, addMask.Input[0]) is { } m0 ? (m0, addMask.Input[1]) : (null, string.Empty);
        if (mask is null)
        {
            return Fail("no additive (1 - mask) * filter from a 2-D mask input", out reason);
        }

        var scaleNode = g.Producer(scaled, "Div") ?? g.Producer(scaled, "Mul");
        string scores = string.Empty;
        float? scale = null;
        if (scaleNode?.OpType == "Div" && g.Scalar(scaleNode.Input[1]) is { } divisor && divisor != 0)
        {
            (scores, scale) = (scaleNode.Input[0], 1f / divisor);
        }
        else if (scaleNode?.OpType == "Mul" && LayerNormPattern.SplitConstant(g, scaleNode, out var factorName, out var other) && g.Scalar(factorName) is { } factor)
        {
            (scores, scale) = (other, factor);
        }

        if (scale is null || g.Producer(scores, "MatMul") is not { } qk)
        {
            return Fail("scores are not MatMul(q, k) scaled by a constant", out reason);
        }

        // Forwards: probs -> MatMul(probs, v) -> Transpose(0,2,1,3) -> Reshape(b, s, hidden).
        if (g.Consumers(softmax.Output[0]) is not [{ OpType: "MatMul" } pv] || pv.Input[0] != softmax.Output[0]
            || g.Consumers(pv.Output[0]) is not [{ OpType: "Transpose" } merge] || !Perm(merge, HeadsFirst)
            || g.Consumers(merge.Output[0]).SingleOrDefault(n => n.OpType == "Reshape") is not { } output
            || ReshapePattern.TrailingDims(g, output) is not [var hidden])
        {
            return Fail("context is not Reshape(Transpose(MatMul(probs, v)))", out reason);
        }

        var q = Projection(g, qk.Input[0], HeadsFirst);
        var k = Projection(g, qk.Input[1], KeyTransposed);
        var v = Projection(g, pv.Input[1], HeadsFirst);
        if (q is null || k is null || v is null)
        {
            return Fail("q, k or v is not Transpose(Reshape(MatMul(x, W) + b)) with constant W and b", out reason);
        }

        if (q.Input != k.Input || q.Input != v.Input)
        {
            return Fail("q, k and v project different inputs (cross attention)", out reason);
        }

        if (new[] { q, k, v }.Any(p => p.Heads != q.Heads || p.HeadSize != q.HeadSize || p.InputHidden != q.InputHidden || p.Heads * p.HeadSize != hidden))
        {
            return Fail($"head shapes differ: q {q.Heads}x{q.HeadSize}, k {k.Heads}x{k.HeadSize}, v {v.Heads}x{v.HeadSize}, output {hidden}", out reason);
        }

        return new AttentionMatch(
            q.Input, [q.Weight, k.Weight, v.Weight], [q.Bias, k.Bias, v.Bias], [q.Product, k.Product, v.Product], q.InputHidden, hidden, (int)q.Heads, scale.Value, mask, output);
    }

    private sealed record ProjectionMatch(string Input, string Weight, string Bias, string Product, long InputHidden, long Heads, long HeadSize);

    /// <summary><c>Transpose(Reshape(MatMul(x, W) + b, [0, 0, heads, d]), perm)</c> with constant W [in, heads*d] and b [heads*d].</summary>
    private static ProjectionMatch? Projection(FusionGraph g, string tensor, long[] perm)
    {
        if (g.Producer(tensor, "Transpose") is not { } transpose || !Perm(transpose, perm)
            || g.Producer(transpose.Input[0], "Reshape") is not { } reshape || ReshapePattern.TrailingDims(g, reshape) is not [var heads, var headSize]
            || g.Producer(reshape.Input[0], "Add") is not { } addBias || !LayerNormPattern.SplitConstant(g, addBias, out var bias, out var product)
            || g.Producer(product, "MatMul") is not { } matMul || g.FloatDims(matMul.Input[1]) is not [var inputHidden, var outputHidden]
            || g.Constant(matMul.Input[0]) is not null
            || !LayerNormPattern.IsVector(g, bias, out var biasLength) || biasLength != outputHidden || outputHidden != heads * headSize)
        {
            return null;
        }

        return new ProjectionMatch(matMul.Input[0], matMul.Input[1], bias, product, inputHidden, heads, headSize);
    }

    private static bool Perm(NodeProto transpose, long[] perm) => FusionGraph.IntsAttribute(transpose, "perm") is { } p && p.SequenceEqual(perm);

    private static AttentionMatch? Fail(string why, out string reason)
    {
        reason = why;
        return null;
    }
}
