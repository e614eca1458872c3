using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace GenQ.Quantization.Onnx;

/// <summary>Reads float initializers and builds int8 / float initializers (ONNX stores raw data little-endian).</summary>
internal static class OnnxTensors
{
    public static bool IsFloat(TensorProto tensor) => tensor.DataType == (int)TensorProto.Types.DataType.Float;

    public static long ElementCount(TensorProto tensor) => tensor.Dims.Aggregate(1L, (a, b) => a * b);

    public static float[] ReadFloats(TensorProto tensor, string modelPath)
    {
        if (!IsFloat(tensor))
        {
            throw new InvalidDataException($"'{modelPath}': initializer '{tensor.Name}' is not float32.");
        }

        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            throw new NotSupportedException(
                $"'{modelPath}': initializer '{tensor.Name}' is stored as external data; only self-contained model.onnx files are supported.");
        }

        var count = ElementCount(tensor);
        float[] data;
        if (!tensor.RawData.IsEmpty)
        {
            data = MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
        }
        else
        {
            data = tensor.FloatData.ToArray();
        }

        if (data.Length != count)
        {
            throw new InvalidDataException(
                $"'{modelPath}': initializer '{tensor.Name}' has {data.Length} values but dims [{string.Join(", ", tensor.Dims)}].");
        }

        return data;
    }

    public static TensorProto Int8(string name, sbyte[] codes, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int8 };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(codes.AsSpan()));
        return tensor;
    }

    public static TensorProto Float(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        return tensor;
    }
}
