using Google.Protobuf;
using Onnx;

namespace GenQ.Embeddings.Onnx;

/// <summary>Parses an ONNX file into its protobuf, for graph rewrites (int8 quantisation in GenQ.Quantization).</summary>
public static class OnnxProtoReader
{
    /// <summary>The model in <paramref name="path"/>; a file that is not ONNX protobuf throws <see cref="InvalidDataException"/> naming it.</summary>
    public static ModelProto Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"'{path}' is not a valid ONNX model: {ex.Message}", ex);
        }
    }
}
