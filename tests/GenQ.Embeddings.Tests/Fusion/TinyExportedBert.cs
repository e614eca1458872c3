using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace GenQ.Embeddings.Tests.Fusion;

/// <summary>
/// A tiny random BERT written with the same operators, in the same arrangement, as GenQ's own exporter
/// (GenQ.Training's BertOnnxGraphWriter: opset 17 LayerNormalization, constant reshape shapes, float.MinValue mask,
/// MatMul then bias Add) — the graph the trainer writes when it has no base graph to reuse. The Embeddings tests cannot
/// reference the trainer (TorchSharp), so this twin stands in; the benchmark notes record the check against the real one.
/// </summary>
internal sealed class TinyExportedBert
{
    public const int Hidden = 32;
    public const int Heads = 4;
    public const int Layers = 2;
    public const int Vocab = 50;
    private const int Intermediate = 64;
    private const int MaxPositions = 32;
    private readonly GraphProto _graph = new() { Name = "genq_bert" };
    private readonly Random _random;
    private int _next;

    private TinyExportedBert(int seed) => _random = new Random(seed);

    /// <summary>The model; <paramref name="additiveMaskInput"/> feeds attention a float graph input instead of the built mask.</summary>
    public static ModelProto Build(int seed = 11, bool additiveMaskInput = false)
    {
        var b = new TinyExportedBert(seed);
        var g = b._graph;
        foreach (var name in new[] { "input_ids", "attention_mask", "token_type_ids" })
        {
            g.Input.Add(Info(name, TensorProto.Types.DataType.Int64, "batch", "sequence"));
        }

        var seq = b.Node("Slice", b.Node("Shape", "input_ids"), b.Ints([1]), b.Ints([2]));
        var positions = b.Node("Slice", b.Ints([.. Enumerable.Range(0, MaxPositions).Select(i => (long)i)], [1, MaxPositions]), b.Ints([0]), seq, b.Ints([1]));
        var words = b.Node("Gather", b.Weight([Vocab, Hidden]), "input_ids");
        var pos = b.Node("Gather", b.Weight([MaxPositions, Hidden]), positions);
        var types = b.Node("Gather", b.Weight([2, Hidden]), "token_type_ids");
        var hidden = b.LayerNorm(b.Node("Add", b.Node("Add", words, pos), types));

        string additive;
        if (additiveMaskInput)
        {
            g.Input.Add(Info("attention_bias", TensorProto.Types.DataType.Float, "batch", "1", "1", "sequence"));
            additive = "attention_bias";
        }
        else
        {
            var mask = b.Node("Cast", [b.Node("Unsqueeze", "attention_mask", b.Ints([1, 2]))], new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            additive = b.Node("Mul", b.Node("Sub", b.Scalar(1f), mask), b.Scalar(float.MinValue));
        }

        const int headSize = Hidden / Heads;
        for (var layer = 0; layer < Layers; layer++)
        {
            string Split(string x, params long[] perm) => b.Node("Transpose", [b.Node("Reshape", x, b.Ints([0, 0, Heads, headSize]))], Perm(perm));
            var q = Split(b.Linear(hidden, Hidden, Hidden), 0, 2, 1, 3);
            var k = Split(b.Linear(hidden, Hidden, Hidden), 0, 2, 3, 1);
            var v = Split(b.Linear(hidden, Hidden, Hidden), 0, 2, 1, 3);
            var scores = b.Node("Add", b.Node("Div", b.Node("MatMul", q, k), b.Scalar(MathF.Sqrt(headSize))), additive);
            var probs = b.Node("Softmax", [scores], new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = -1 });
            var merged = b.Node("Reshape", b.Node("Transpose", [b.Node("MatMul", probs, v)], Perm(0, 2, 1, 3)), b.Ints([0, 0, Hidden]));
            var attended = b.LayerNorm(b.Node("Add", b.Linear(merged, Hidden, Hidden), hidden));
            var inter = b.Linear(attended, Hidden, Intermediate);
            var gelu = b.Node("Mul", b.Node("Mul", inter, b.Node("Add", b.Node("Erf", b.Node("Div", inter, b.Scalar(MathF.Sqrt(2f)))), b.Scalar(1f))), b.Scalar(0.5f));
            hidden = b.LayerNorm(b.Node("Add", b.Linear(gelu, Intermediate, Hidden), attended));
        }

        g.Node.Add(new NodeProto { OpType = "Identity", Name = "last_hidden_state", Input = { hidden }, Output = { "last_hidden_state" } });
        g.Output.Add(Info("last_hidden_state", TensorProto.Types.DataType.Float, "batch", "sequence", Hidden.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var model = new ModelProto { IrVersion = 8, ProducerName = "GenQ.Training", Graph = g };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        return model;
    }

    private string Linear(string input, int inputs, int outputs) => Node("Add", Node("MatMul", input, Weight([inputs, outputs])), Weight([outputs]));

    private string LayerNorm(string input)
    {
        var gamma = Float([.. Enumerable.Range(0, Hidden).Select(_ => 1f + (0.1f * (float)(_random.NextDouble() - 0.5)))], [Hidden]);
        var epsilon = new AttributeProto { Name = "epsilon", Type = AttributeProto.Types.AttributeType.Float, F = 1e-12f };
        var axis = new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = -1 };
        return Node("LayerNormalization", [input, gamma, Weight([Hidden])], axis, epsilon);
    }

    private string Node(string opType, params string[] inputs) => Node(opType, inputs, []);

    private string Node(string opType, string[] inputs, params AttributeProto[] attributes)
    {
        var output = $"{opType.ToLowerInvariant()}_{_next++}";
        var node = new NodeProto { OpType = opType, Name = output, Output = { output } };
        node.Input.AddRange(inputs);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    private string Weight(long[] dims) => Float([.. Enumerable.Range(0, (int)dims.Aggregate(1L, (a, d) => a * d)).Select(_ => 0.4f * (float)(_random.NextDouble() - 0.5))], dims);

    private string Float(float[] values, long[] dims)
    {
        var tensor = new TensorProto { Name = $"w_{_next++}", DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    private string Scalar(float value)
    {
        var tensor = new TensorProto { Name = $"const_{_next++}", DataType = (int)TensorProto.Types.DataType.Float };
        tensor.FloatData.Add(value);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    private string Ints(long[] values, long[]? dims = null)
    {
        var tensor = new TensorProto { Name = $"const_{_next++}", DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims ?? [values.Length]);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    private static AttributeProto Perm(params long[] perm)
    {
        var attribute = new AttributeProto { Name = "perm", Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(perm);
        return attribute;
    }

    private static ValueInfoProto Info(string name, TensorProto.Types.DataType type, params string[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(long.TryParse(dim, out var n) ? new TensorShapeProto.Types.Dimension { DimValue = n } : new TensorShapeProto.Types.Dimension { DimParam = dim });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }
}
