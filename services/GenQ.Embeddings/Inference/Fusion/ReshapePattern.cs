using Onnx;

namespace GenQ.Embeddings.Inference.Fusion;

/// <summary>
/// The target shapes of the reshapes around BERT self-attention, in the two forms exporters write: a constant
/// (<c>[0, 0, heads, headSize]</c>, 0 = keep that dimension) or PyTorch's dynamic
/// <c>Concat(Unsqueeze(Gather(Shape(x), 0)), Unsqueeze(Gather(Shape(x), 1)), constants...)</c> of the reshaped tensor x.
/// </summary>
internal static class ReshapePattern
{
    /// <summary>
    /// The constant trailing dimensions of a reshape of <paramref name="reshape"/>'s data input that keeps its first two
    /// dimensions (batch, sequence), or null when the target shape is anything else.
    /// </summary>
    public static long[]? TrailingDims(FusionGraph g, NodeProto reshape)
    {
        if (reshape.Input.Count != 2 || (FusionGraph.IntAttribute(reshape, "allowzero") ?? 0) != 0)
        {
            return null;
        }

        var data = reshape.Input[0];
        if (g.Int64s(reshape.Input[1]) is { Length: > 2 } constant)
        {
            return constant[0] == 0 && constant[1] == 0 && constant[2..].All(d => d > 0) ? constant[2..] : null;
        }

        if (g.Producer(reshape.Input[1], "Concat") is not { } concat || FusionGraph.IntAttribute(concat, "axis") != 0 || concat.Input.Count < 3
            || !IsDimOf(g, concat.Input[0], data, 0) || !IsDimOf(g, concat.Input[1], data, 1))
        {
            return null;
        }

        var trailing = new List<long>();
        foreach (var part in concat.Input.Skip(2))
        {
            if (g.Int64s(part) is not { Length: > 0 } values || values.Any(d => d <= 0))
            {
                return null;
            }

            trailing.AddRange(values);
        }

        return [.. trailing];
    }

    /// <summary>True when <paramref name="tensor"/> is <c>Unsqueeze(Gather(Shape(source), index), axes=[0])</c>.</summary>
    private static bool IsDimOf(FusionGraph g, string tensor, string source, long index)
    {
        if (g.Producer(tensor, "Unsqueeze") is not { } unsqueeze || UnsqueezeAxes(g, unsqueeze) is not [0]
            || g.Producer(unsqueeze.Input[0], "Gather") is not { } gather || (FusionGraph.IntAttribute(gather, "axis") ?? 0) != 0
            || g.Int64s(gather.Input[1]) is not [var i] || i != index
            || g.Producer(gather.Input[0], "Shape") is not { } shape || shape.Input[0] != source)
        {
            return false;
        }

        // Shape(start/end) attributes (opset 15) would select other dimensions.
        return shape.Attribute.Count == 0;
    }

    /// <summary>The axes of an Unsqueeze: an attribute before opset 13, the second input from opset 13 on.</summary>
    public static long[]? UnsqueezeAxes(FusionGraph g, NodeProto unsqueeze)
        => FusionGraph.IntsAttribute(unsqueeze, "axes") ?? (unsqueeze.Input.Count > 1 ? g.Int64s(unsqueeze.Input[1]) : null);
}
