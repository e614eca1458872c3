using GenQ.Contracts.Files;
using Google.Protobuf;
using Onnx;

namespace GenQ.Quantization.Onnx;

/// <summary>Reads, checks and writes the ONNX protobuf of a model folder.</summary>
internal static class OnnxModelFile
{
    public static ModelProto Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ONNX model '{path}' not found.", path);
        }

        var model = GenQ.Embeddings.Onnx.OnnxProtoReader.Read(path);
        return model.Graph is null || model.Graph.Node.Count == 0
            ? throw new InvalidDataException($"'{path}' is not a valid ONNX model: it has no graph nodes.")
            : model;
    }

    /// <summary>
    /// Throws unless the graph is a sentence encoder of the model-folder contract: inputs input_ids and attention_mask,
    /// output last_hidden_state. Anything else (a T5 decoder, an image model) is not what this quantiser is for.
    /// </summary>
    public static void CheckSentenceEncoder(ModelProto model, string path)
    {
        var initializers = model.Graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = model.Graph.Input.Select(i => i.Name).Where(n => !initializers.Contains(n)).ToList();
        var outputs = model.Graph.Output.Select(o => o.Name).ToList();
        if (!inputs.Contains("input_ids") || !inputs.Contains("attention_mask") || !outputs.Contains("last_hidden_state"))
        {
            throw new InvalidDataException(
                $"'{path}' is not a BERT sentence encoder: expected inputs 'input_ids' and 'attention_mask' and output 'last_hidden_state'; " +
                $"it has inputs [{string.Join(", ", inputs)}] and outputs [{string.Join(", ", outputs)}].");
        }

        var quantized = model.Graph.Node.FirstOrDefault(n => GraphQuantizer.QuantizedOpTypes.Contains(n.OpType));
        if (quantized is not null)
        {
            throw new InvalidDataException($"'{path}' is already quantised (node '{quantized.Name}' is a {quantized.OpType}).");
        }
    }

    /// <summary>Writes the model to <paramref name="path"/> through a temporary file, so no reader sees half a file.</summary>
    public static long Write(ModelProto model, string path)
    {
        AtomicFile.Write(path, model.WriteTo);
        return new FileInfo(path).Length;
    }
}
