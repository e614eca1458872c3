using System.Runtime.InteropServices;
using Google.Protobuf;
using GenQ.Embeddings.Models;
using Onnx;

namespace GenQ.Quantization.Tests;

/// <summary>Writes small model folders (real ONNX protobufs, real vocab) for the bad-input tests.</summary>
internal static class TinyModels
{
    /// <summary>A model folder whose model.onnx is the given graph, with MiniLM's vocab and a valid manifest.</summary>
    public static ModelFolder Folder(string path, GraphProto graph)
    {
        Directory.CreateDirectory(path);
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        using (var stream = File.Create(Path.Combine(path, ModelFolder.ModelFileName)))
        {
            model.WriteTo(stream);
        }

        return WithVocabAndManifest(path);
    }

    public static ModelFolder WithVocabAndManifest(string path)
    {
        WriteVocabAndManifest(path);
        return ModelFolder.Open(path);
    }

    /// <summary>vocab.txt and manifest.json only (a folder that lacks model.onnx unless the caller adds one).</summary>
    public static void WriteVocabAndManifest(string path)
    {
        File.Copy(BaseModelLocator.GetMiniLM().VocabPath, Path.Combine(path, ModelFolder.VocabFileName), overwrite: true);
        ModelFolder.WriteManifest(path, new ModelManifest
        {
            ModelName = "tiny",
            Version = "v1",
            BaseModel = "none",
            CreatedUtc = DateTimeOffset.UtcNow,
            EmbeddingDimension = 4,
        });
    }

    /// <summary>y = x @ W: a linear layer, but not a sentence encoder (input "x", output "y").</summary>
    public static GraphProto LinearLayer()
    {
        var graph = new GraphProto { Name = "linear" };
        graph.Input.Add(Value("x", TensorProto.Types.DataType.Float, 2, 3));
        graph.Output.Add(Value("y", TensorProto.Types.DataType.Float, 2, 4));
        graph.Initializer.Add(Floats("W", new float[12], 3, 4));
        graph.Node.Add(Node("MatMul", ["x", "W"], "y"));
        return graph;
    }

    /// <summary>The encoder's inputs and output, but no weight matrix anywhere (last_hidden_state = Cast(input_ids)).</summary>
    public static GraphProto EncoderWithoutWeights()
    {
        var graph = new GraphProto { Name = "no-weights" };
        graph.Input.Add(Value("input_ids", TensorProto.Types.DataType.Int64, 1, 4));
        graph.Input.Add(Value("attention_mask", TensorProto.Types.DataType.Int64, 1, 4));
        graph.Output.Add(Value("last_hidden_state", TensorProto.Types.DataType.Float, 1, 4));
        var cast = Node("Cast", ["input_ids"], "last_hidden_state");
        cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Float });
        graph.Node.Add(cast);
        return graph;
    }

    private static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = op + "_0" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto Floats(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        return tensor;
    }

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, params long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }
}
