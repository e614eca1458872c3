using GenQ.Quantization.Weights;
using Onnx;

namespace GenQ.Quantization.Onnx;

/// <summary>
/// Rewrites Gather(E, ids) over a large constant float table E [V, D] into
/// Mul(Cast(Gather(E_int8, ids)), Gather(E_scale [V, 1], ids)): the table is stored as int8 with one scale per row and
/// only the looked-up rows are turned back into floats. Standard ONNX ops only.
/// </summary>
internal sealed class EmbeddingRewriter(GraphContext context, DynamicQuantizationOptions options)
{
    public int Quantized { get; private set; }

    public long FloatBytes { get; private set; }

    public long Int8Bytes { get; private set; }

    /// <summary>The replacement nodes (in order), or null when the Gather is not over a large float table on axis 0.</summary>
    public IReadOnlyList<NodeProto>? TryRewrite(NodeProto gather)
    {
        var axis = gather.Attribute.FirstOrDefault(a => a.Name == "axis")?.I ?? 0;
        if (!options.QuantizeEmbeddings || gather.Input.Count != 2 || axis != 0
            || context.ConstantFloat(gather.Input[0]) is not { Dims.Count: 2 } table
            || OnnxTensors.ElementCount(table) < options.MinimumEmbeddingElements
            || context.Consumers[table.Name].Count != 1)
        {
            return null;
        }

        var rows = checked((int)table.Dims[0]);
        var cols = checked((int)table.Dims[1]);
        var values = OnnxTensors.ReadFloats(table, context.ModelPath);
        var qmax = options.ReduceRange ? SymmetricInt8.ReducedRange : SymmetricInt8.FullRange;
        var q = SymmetricInt8.PerRow(values, rows, cols, qmax);
        var codes = context.NewName(table.Name + "_int8");
        var scales = context.NewName(table.Name + "_row_scale");
        context.Graph.Initializer.Add(OnnxTensors.Int8(codes, q.Codes, rows, cols));
        context.Graph.Initializer.Add(OnnxTensors.Float(scales, q.Scales, rows, 1));
        FloatBytes += values.Length * sizeof(float);
        Int8Bytes += q.Codes.Length;
        Quantized++;

        var ids = gather.Input[1];
        var output = gather.Output[0];
        var prefix = string.IsNullOrEmpty(gather.Name) ? "Gather" : gather.Name;
        var rowCodes = context.NewName(output + "_int8");      // [..., D] int8
        var rowFloats = context.NewName(output + "_unscaled"); // [..., D] float
        var rowScales = context.NewName(output + "_scale");    // [..., 1] float
        return
        [
            Node("Gather", context.NewName(prefix + "_int8"), [codes, ids], rowCodes),
            Node("Cast", context.NewName(prefix + "_cast"), [rowCodes], rowFloats,
                new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Float }),
            Node("Gather", context.NewName(prefix + "_scale"), [scales, ids], rowScales),
            Node("Mul", context.NewName(prefix + "_dequant"), [rowFloats, rowScales], output),
        ];
    }

    private static NodeProto Node(string opType, string name, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        return node;
    }
}
