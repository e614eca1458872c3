using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace GenQ.Generation.Testing.Onnx;

/// <summary>
/// Appends ONNX nodes to a graph with generated, prefix-scoped value names, so that one T5 block
/// can be written twice (e.g. the two branches of a merged decoder) without name clashes.
/// </summary>
public sealed class OnnxGraphBuilder(GraphProto graph, string prefix)
{
    private int _counter;

    public GraphProto Graph { get; } = graph;

    public string Prefix { get; } = prefix;

    /// <summary>Adds one node and returns the name of its first output.</summary>
    public string Op(string opType, string[] inputs, params AttributeProto[] attributes) =>
        OpMulti(opType, inputs, 1, attributes)[0];

    /// <summary>Adds one node with several outputs.</summary>
    public string[] OpMulti(string opType, string[] inputs, int outputCount, params AttributeProto[] attributes)
    {
        var id = $"{Prefix}{opType}_{_counter++}";
        var node = new NodeProto { OpType = opType, Name = id };
        node.Input.AddRange(inputs);
        var outputs = Enumerable.Range(0, outputCount).Select(i => $"{id}_out{i}").ToArray();
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return outputs;
    }

    /// <summary>Adds a node whose output carries a fixed name (graph outputs keep their exported names).</summary>
    public void OpNamed(string opType, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = $"{Prefix}{opType}_{_counter++}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
    }

    public string Int64s(params long[] values) => Constant(DataType.Int64, [values.Length], RawBytes(values));

    public string Int64Scalar(long value) => Constant(DataType.Int64, [], RawBytes([value]));

    public string FloatScalar(float value) => Constant(DataType.Float, [], RawBytes([value]));

    public static TensorProto FloatTensor(string name, float[] data, params long[] dims) =>
        Tensor(name, DataType.Float, dims, RawBytes(data));

    public static TensorProto Int64Tensor(string name, long[] data, params long[] dims) =>
        Tensor(name, DataType.Int64, dims, RawBytes(data));

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto SubGraph(string name, GraphProto value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Graph, G = value };

    /// <summary>A typed graph input or output; a null dimension entry is symbolic (named in <paramref name="dimNames"/>).</summary>
    public static ValueInfoProto Value(string name, DataType type, params string[] dimNames)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = new TensorShapeProto() };
        foreach (var dim in dimNames)
        {
            tensorType.Shape.Dim.Add(long.TryParse(dim, out var fixedSize)
                ? new TensorShapeProto.Types.Dimension { DimValue = fixedSize }
                : new TensorShapeProto.Types.Dimension { DimParam = dim });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }

    private string Constant(DataType type, long[] dims, ByteString bytes)
    {
        var name = $"{Prefix}const_{_counter++}";
        Graph.Node.Add(new NodeProto
        {
            OpType = "Constant",
            Name = name + "_node",
            Output = { name },
            Attribute = { new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = Tensor(name, type, dims, bytes) } },
        });
        return name;
    }

    private static TensorProto Tensor(string name, DataType type, long[] dims, ByteString bytes)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = bytes };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static ByteString RawBytes<T>(T[] values) where T : unmanaged =>
        UnsafeByteOperations.UnsafeWrap(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
}
