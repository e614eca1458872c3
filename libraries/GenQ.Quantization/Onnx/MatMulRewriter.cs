using GenQ.Quantization.Weights;
using Onnx;

namespace GenQ.Quantization.Onnx;

/// <summary>
/// Rewrites MatMul(A, W) with a constant float 2-D W into com.microsoft DynamicQuantizeMatMul(A, W_int8, W_scale[, , bias]):
/// ONNX Runtime quantises A to uint8 per call (per tensor, asymmetric), multiplies u8 x s8 with int32 accumulation and
/// scales back to float. A following Add of a constant [N] bias is folded into the op's bias input.
/// </summary>
internal sealed class MatMulRewriter(GraphContext context, DynamicQuantizationOptions options)
{
    public const string OpType = "DynamicQuantizeMatMul";
    private readonly Dictionary<string, (string Codes, string Scale)> _quantized = new(StringComparer.Ordinal);

    public int Quantized { get; private set; }

    public int BiasesFolded { get; private set; }

    public int KeptFloat { get; private set; }

    public long FloatBytes { get; private set; }

    public long Int8Bytes { get; private set; }

    /// <summary>The replacement node, or null when the MatMul stays float (B not a constant 2-D float weight).</summary>
    /// <param name="foldedAdd">The Add node whose work the replacement took over (remove it from the graph).</param>
    public NodeProto? TryRewrite(NodeProto matMul, out NodeProto? foldedAdd)
    {
        foldedAdd = null;
        if (matMul.Input.Count != 2 || context.ConstantFloat(matMul.Input[1]) is not { Dims.Count: 2 } weight
            || options.NodesToExclude.Contains(matMul.Name) || options.NodesToExclude.Contains(weight.Name))
        {
            KeptFloat++; // e.g. attention's Q x K^T and P x V: both operands are activations
            return null;
        }

        var columns = weight.Dims[1];
        var (codes, scale) = Quantize(weight);
        var output = matMul.Output[0];
        string? bias = null;
        if (options.FoldBias && FindBiasAdd(output, columns) is { } add)
        {
            foldedAdd = add.Node;
            bias = add.Bias;
            output = add.Node.Output[0];
            BiasesFolded++;
        }

        var node = new NodeProto
        {
            OpType = OpType,
            Domain = GraphQuantizer.MicrosoftDomain,
            Name = context.NewName(string.IsNullOrEmpty(matMul.Name) ? "DynamicQuantizeMatMul" : matMul.Name + "_quant"),
        };
        node.Input.AddRange(bias is null ? [matMul.Input[0], codes, scale] : [matMul.Input[0], codes, scale, "", bias]);
        node.Output.Add(output);
        Quantized++;
        return node;
    }

    private (string Codes, string Scale) Quantize(TensorProto weight)
    {
        if (_quantized.TryGetValue(weight.Name, out var done))
        {
            return done; // the same weight feeds several MatMuls: quantise it once
        }

        var rows = checked((int)weight.Dims[0]);
        var cols = checked((int)weight.Dims[1]);
        var values = OnnxTensors.ReadFloats(weight, context.ModelPath);
        var qmax = options.ReduceRange ? SymmetricInt8.ReducedRange : SymmetricInt8.FullRange;
        var q = options.PerColumn ? SymmetricInt8.PerColumn(values, rows, cols, qmax) : SymmetricInt8.PerTensor(values, qmax);
        var codes = context.NewName(weight.Name + "_int8");
        var scale = context.NewName(weight.Name + "_scale");
        context.Graph.Initializer.Add(OnnxTensors.Int8(codes, q.Codes, rows, cols));
        context.Graph.Initializer.Add(options.PerColumn ? OnnxTensors.Float(scale, q.Scales, cols) : OnnxTensors.Float(scale, q.Scales));
        FloatBytes += values.Length * sizeof(float);
        Int8Bytes += q.Codes.Length;
        return _quantized[weight.Name] = (codes, scale);
    }

    /// <summary>The only consumer of <paramref name="matMulOutput"/> if it is Add(matMulOutput, constant [N] bias).</summary>
    private (NodeProto Node, string Bias)? FindBiasAdd(string matMulOutput, long columns)
    {
        if (context.GraphOutputs.Contains(matMulOutput)
            || !context.Consumers.TryGetValue(matMulOutput, out var consumers)
            || consumers.Count != 1)
        {
            return null;
        }

        var add = consumers[0];
        if (add.OpType != "Add" || !GraphContext.IsDefaultDomain(add) || add.Input.Count != 2)
        {
            return null;
        }

        var other = add.Input[0] == matMulOutput ? add.Input[1] : add.Input[0];
        return other != matMulOutput && context.ConstantFloat(other) is { Dims.Count: 1 } bias && bias.Dims[0] == columns
            ? (add, other)
            : null;
    }
}
