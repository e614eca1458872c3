using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using static TorchSharp.torch;

namespace GenQ.Training.Import;

/// <summary>
/// Reads a <c>.safetensors</c> file (8-byte header length, JSON header, raw little-endian data) into float32 tensors.
/// Used for user checkpoints whose keys need renaming before they fit the model (TorchSharp.PyBridge's
/// <c>load_safetensors</c> needs exact key matches; GenQ's own checkpoints use it).
/// </summary>
public static class SafetensorsReader
{
    public static Dictionary<string, Tensor> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8)
        {
            throw new InvalidDataException($"'{path}' is too short to be a safetensors file.");
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8))
        {
            throw new InvalidDataException($"'{path}': header length {headerLength} exceeds the file size; the file is truncated or not safetensors.");
        }

        JsonDocument header;
        try
        {
            header = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}': header is not valid JSON: {ex.Message}", ex);
        }

        var dataStart = 8 + (long)headerLength;
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using (header)
        {
            foreach (var entry in header.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    continue;
                }

                var dtype = entry.Value.GetProperty("dtype").GetString();
                var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var begin = dataStart + offsets[0];
                var end = dataStart + offsets[1];
                if (offsets.Length != 2 || begin > end || end > bytes.Length)
                {
                    throw new InvalidDataException($"'{path}': tensor '{entry.Name}' has data offsets outside the file.");
                }

                result[entry.Name] = Decode(bytes.AsSpan((int)begin, (int)(end - begin)), dtype, shape, path, entry.Name);
            }
        }

        return result;
    }

    private static Tensor Decode(ReadOnlySpan<byte> data, string? dtype, long[] shape, string path, string name)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var floats = new float[count];
        switch (dtype)
        {
            case "F32" when data.Length == count * 4:
                MemoryMarshal.Cast<byte, float>(data).CopyTo(floats);
                break;
            case "F16" when data.Length == count * 2:
                var halves = MemoryMarshal.Cast<byte, Half>(data);
                for (var i = 0; i < count; i++)
                {
                    floats[i] = (float)halves[i];
                }

                break;
            case "BF16" when data.Length == count * 2:
                var raw = MemoryMarshal.Cast<byte, ushort>(data);
                for (var i = 0; i < count; i++)
                {
                    floats[i] = BitConverter.Int32BitsToSingle(raw[i] << 16);
                }

                break;
            case "I64" or "I32":
                return zeros(shape); // integer buffers such as position_ids are not parameters
            default:
                throw new InvalidDataException($"'{path}': tensor '{name}' has dtype {dtype} and {data.Length} bytes for shape [{string.Join(", ", shape)}]; expected F32/F16/BF16.");
        }

        return tensor(floats, shape);
    }
}
