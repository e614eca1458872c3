using Google.Protobuf;
using Onnx;

namespace GenQ.Generation.Modeling;

/// <summary>
/// A one-node ONNX graph, <c>selected = Gather(data, rows, axis=0)</c>, for float tensors of any rank. On CUDA the
/// decoder's key/value cache stays in GPU memory between steps, so replicating a passage's first-step cache rows and
/// dropping finished rows must happen there too: this graph runs on the same execution provider as the decoder, so a
/// row selection never copies the cache through the host.
/// </summary>
internal static class RowGatherGraph
{
    public const string Data = "data";
    public const string Rows = "rows";
    public const string Selected = "selected";

    public static byte[] Build()
    {
        var graph = new GraphProto { Name = "select_rows" };
        graph.Input.Add(Value(Data, TensorProto.Types.DataType.Float));
        graph.Input.Add(Value(Rows, TensorProto.Types.DataType.Int64));
        graph.Output.Add(Value(Selected, TensorProto.Types.DataType.Float));
        graph.Node.Add(new NodeProto
        {
            OpType = "Gather",
            Name = "gather_rows",
            Input = { Data, Rows },
            Output = { Selected },
            Attribute = { new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 0 } },
        });
        var model = new ModelProto { IrVersion = 8, ProducerName = "GenQ", Graph = graph, OpsetImport = { new OperatorSetIdProto { Domain = string.Empty, Version = 13 } } };
        return model.ToByteArray();
    }

    // No shape: the cache tensors are rank 4 ([rows, heads, length, head_dim]) with every dimension but the last varying.
    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type) =>
        new() { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type } } };
}
