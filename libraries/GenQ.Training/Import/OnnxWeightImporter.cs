using GenQ.Training.Modeling;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace GenQ.Training.Import;

/// <summary>Reads BERT weights out of an ONNX export (the base all-MiniLM-L6-v2 or a GenQ export) into a state dict.</summary>
public static class OnnxWeightImporter
{
    /// <summary>Parses an ONNX file; a clear error names the file when it is not a readable ONNX model.</summary>
    public static ModelProto ReadModel(string onnxPath)
    {
        if (!File.Exists(onnxPath))
        {
            throw new FileNotFoundException($"ONNX model '{onnxPath}' not found.", onnxPath);
        }

        try
        {
            using var stream = File.OpenRead(onnxPath);
            var model = ModelProto.Parser.ParseFrom(stream);
            return model.Graph is null ? throw new InvalidDataException($"'{onnxPath}' has no graph.") : model;
        }
        catch (Google.Protobuf.InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"'{onnxPath}' is not a valid ONNX model: {ex.Message}", ex);
        }
    }

    /// <summary>HF key → float32 tensor (in PyTorch layout, i.e. Linear weights as [out, in]).</summary>
    public static Dictionary<string, Tensor> ReadStateDict(ModelProto model, string source)
    {
        var map = OnnxWeightMap.Build(model.Graph, source);
        var initializers = model.Graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, location) in map.Locations)
        {
            var init = initializers[location.Initializer];
            using var raw = ToTensor(init, source);
            result[key] = location.Transposed ? raw.t().contiguous() : raw.clone();
        }

        return result;
    }

    /// <summary>
    /// Infers the BERT configuration from the weights' shapes; the number of attention heads is not in any weight, so it
    /// is read from the graph (the Reshape that splits the first query projection into heads), else from
    /// <paramref name="numAttentionHeads"/>.
    /// </summary>
    public static BertConfig InferConfig(ModelProto model, IReadOnlyDictionary<string, Tensor> state, string source, int? numAttentionHeads = null)
    {
        Tensor Get(string key) => state.TryGetValue(key, out var t)
            ? t
            : throw new InvalidDataException($"'{source}': parameter '{key}' not found; is this a BERT model?");
        var words = Get("embeddings.word_embeddings.weight");
        var hidden = (int)words.shape[1];
        var layers = state.Keys
            .Where(k => k.StartsWith("encoder.layer.", StringComparison.Ordinal))
            .Select(k => int.Parse(k.Split('.')[2], System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(-1).Max() + 1;
        return new BertConfig
        {
            VocabSize = (int)words.shape[0],
            HiddenSize = hidden,
            NumHiddenLayers = layers,
            NumAttentionHeads = numAttentionHeads ?? FindHeadCount(model.Graph)
                ?? throw new InvalidDataException($"'{source}': cannot find the number of attention heads in the graph; pass it explicitly."),
            IntermediateSize = (int)Get("encoder.layer.0.intermediate.dense.weight").shape[0],
            MaxPositionEmbeddings = (int)Get("embeddings.position_embeddings.weight").shape[0],
            TypeVocabSize = (int)Get("embeddings.token_type_embeddings.weight").shape[0],
        }.Validated(source);
    }

    /// <summary>Reads (heads, head size) from <c>Reshape(Add(MatMul, encoder.layer.0.attention.self.query.bias), Concat(.., heads, headSize))</c>.</summary>
    private static int? FindHeadCount(GraphProto graph)
    {
        var add = graph.Node.FirstOrDefault(n => n.OpType == "Add" && n.Input.Contains("encoder.layer.0.attention.self.query.bias"));
        var reshape = add is null ? null : graph.Node.FirstOrDefault(n => n.OpType == "Reshape" && n.Input[0] == add.Output[0]);
        if (reshape is null)
        {
            return null;
        }

        var constants = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        if (constants.TryGetValue(reshape.Input[1], out var shape) && shape.Int64Data.Count == 4)
        {
            return (int)shape.Int64Data[2]; // GenQ's own graph: Reshape(x, [0, 0, heads, headSize])
        }

        var concat = graph.Node.FirstOrDefault(n => n.OpType == "Concat" && n.Output.Contains(reshape.Input[1]));
        if (concat is null || concat.Input.Count != 4)
        {
            return null;
        }

        if (!constants.TryGetValue(concat.Input[2], out var heads) || heads.DataType != (int)TensorProto.Types.DataType.Int64)
        {
            return null;
        }

        return heads.Int64Data.Count > 0
            ? (int)heads.Int64Data[0]
            : (int)BitConverter.ToInt64(heads.RawData.Span);
    }

    private static Tensor ToTensor(TensorProto init, string source)
    {
        if (init.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new InvalidDataException($"'{source}': initializer '{init.Name}' has data type {init.DataType}, expected float32.");
        }

        var shape = init.Dims.ToArray();
        float[] data;
        if (!init.RawData.IsEmpty)
        {
            data = new float[init.RawData.Length / sizeof(float)];
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(init.RawData.Span).CopyTo(data);
        }
        else
        {
            data = init.FloatData.ToArray();
        }

        return tensor(data, shape);
    }
}
