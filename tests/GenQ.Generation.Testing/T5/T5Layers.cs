using GenQ.Generation.Testing.Onnx;
using static GenQ.Generation.Testing.Onnx.OnnxGraphBuilder;

namespace GenQ.Generation.Testing.T5;

/// <summary>
/// The building blocks of a T5 stack written as ONNX nodes: RMS layer norm, multi-head attention without score
/// scaling (T5 folds it into the initialisation), relative position bias, ReLU feed-forward, padding masks.
/// </summary>
public sealed class T5Layers(OnnxGraphBuilder b, T5TestModelSpec spec)
{
    public OnnxGraphBuilder Builder => b;

    /// <summary>T5LayerNorm: x / sqrt(mean(x^2) + eps) * w, no mean subtraction and no bias.</summary>
    public string RmsNorm(string x, string weight)
    {
        var variance = b.Op("ReduceMean", [b.Op("Mul", [x, x])], Ints("axes", -1), Int("keepdims", 1)); // [B, S, 1]
        var rms = b.Op("Sqrt", [b.Op("Add", [variance, b.FloatScalar(spec.LayerNormEpsilon)])]);
        return b.Op("Mul", [b.Op("Div", [x, rms]), weight]);
    }

    /// <summary>[B, S, H*dk] -> [B, H, S, dk].</summary>
    public string SplitHeads(string x) =>
        b.Op("Transpose", [b.Op("Reshape", [x, b.Int64s(0, -1, spec.NumHeads, spec.DKv)])], Ints("perm", 0, 2, 1, 3));

    public string Project(string x, string weight) => b.Op("MatMul", [x, weight]);

    /// <summary>softmax(q k^T + bias) v, heads merged and projected by <paramref name="outWeight"/>: [B, Sq, D].</summary>
    public string Attention(string q, string k, string v, string bias, string outWeight)
    {
        var kT = b.Op("Transpose", [k], Ints("perm", 0, 1, 3, 2)); // [B, H, dk, Sk]
        var scores = b.Op("Add", [b.Op("MatMul", [q, kT]), bias]); // [B, H, Sq, Sk]
        var probs = b.Op("Softmax", [scores], Int("axis", -1));
        var context = b.Op("Transpose", [b.Op("MatMul", [probs, v])], Ints("perm", 0, 2, 1, 3)); // [B, Sq, H, dk]
        var merged = b.Op("Reshape", [context, b.Int64s(0, -1, spec.InnerDim)]); // [B, Sq, H*dk]
        return b.Op("MatMul", [merged, outWeight]);
    }

    public string FeedForward(string x, string prefix)
    {
        var hidden = b.Op("Relu", [b.Op("MatMul", [x, $"{prefix}.DenseReluDense.wi.weight"])]);
        return b.Op("MatMul", [hidden, $"{prefix}.DenseReluDense.wo.weight"]);
    }

    /// <summary>Length of axis <paramref name="axis"/> of a tensor as an int64 scalar.</summary>
    public string Dim(string x, long axis) => b.Op("Gather", [b.Op("Shape", [x]), b.Int64Scalar(axis)], Int("axis", 0));

    public string Range(string start, string limit) => b.Op("Range", [start, limit, b.Int64Scalar(1)]);

    /// <summary>Relative offsets key - query as [Sq, Sk].</summary>
    public string RelativePositions(string queryPositions, string keyPositions) =>
        b.Op("Sub", [b.Op("Unsqueeze", [keyPositions, b.Int64s(0)]), b.Op("Unsqueeze", [queryPositions, b.Int64s(1)])]);

    /// <summary>Bias from the relative-position table of the stack's first layer: [1, H, Sq, Sk].</summary>
    public string PositionBias(string relative, bool bidirectional, string biasWeight)
    {
        var maxDistance = spec.RelativeAttentionMaxDistance;
        var table = b.Int64s(T5RelativeBuckets.Table(bidirectional, spec.RelativeAttentionNumBuckets, maxDistance));
        var clipped = b.Op("Clip", [relative, b.Int64Scalar(-maxDistance), b.Int64Scalar(maxDistance)]);
        var buckets = b.Op("Gather", [table, b.Op("Add", [clipped, b.Int64Scalar(maxDistance)])], Int("axis", 0)); // [Sq, Sk]
        var perHead = b.Op("Gather", [biasWeight, buckets], Int("axis", 0)); // [Sq, Sk, H]
        var bias = b.Op("Transpose", [perHead], Ints("perm", 2, 0, 1)); // [H, Sq, Sk]
        return b.Op("Unsqueeze", [bias, b.Int64s(0)]);
    }

    /// <summary>Padding mask [B, Sk] (1 keep, 0 pad) as an additive bias [B, 1, 1, Sk] of 0 or float.MinValue.</summary>
    public string PaddingBias(string mask)
    {
        var keep = b.Op("Cast", [mask], Int("to", (long)global::Onnx.TensorProto.Types.DataType.Float));
        var drop = b.Op("Sub", [b.FloatScalar(1f), keep]);
        return b.Op("Unsqueeze", [b.Op("Mul", [drop, b.FloatScalar(float.MinValue)]), b.Int64s(1, 2)]);
    }

    /// <summary>Causal bias [Sq, Sk]: float.MinValue where the key lies after the query.</summary>
    public string CausalBias(string relative)
    {
        var future = b.Op("Greater", [relative, b.Int64Scalar(0)]);
        return b.Op("Where", [future, b.FloatScalar(float.MinValue), b.FloatScalar(0f)]);
    }
}
