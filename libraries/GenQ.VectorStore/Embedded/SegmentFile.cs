using System.Runtime.InteropServices;
using System.Text;
using GenQ.Contracts.Files;
using GenQ.VectorStore.Model;
using GenQ.VectorStore.Naming;

namespace GenQ.VectorStore.Embedded;

/// <summary>
/// One upsert batch on disk. Layout (little-endian): magic "GQSEG001", int32 dimensions, int32 count, then per point
/// 16-byte point id and three length-prefixed UTF-8 strings (passage id, title, text), then count x dimensions float32
/// (L2-normalised), then magic "GQSEGEND" so a truncated file is detected.
/// </summary>
internal static class SegmentFile
{
    private static readonly byte[] Magic = "GQSEG001"u8.ToArray();
    private static readonly byte[] EndMagic = "GQSEGEND"u8.ToArray();

    /// <summary>Writes <paramref name="points"/> (already validated) atomically to <paramref name="path"/>.</summary>
    public static Task WriteAsync(string path, IReadOnlyList<VectorPoint> points, int dimensions, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, (stream, _) =>
        {
            EnsureLittleEndian();
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(dimensions);
            writer.Write(points.Count);
            Span<byte> id = stackalloc byte[16];
            foreach (var point in points)
            {
                PointIds.FromPassageId(point.PassageId).TryWriteBytes(id);
                writer.Write(id);
                writer.Write(point.PassageId);
                writer.Write(point.Title);
                writer.Write(point.Text);
            }

            var row = new float[dimensions];
            foreach (var point in points)
            {
                VectorChecks.Normalize(point.Vector.Span, row);
                writer.Write(MemoryMarshal.AsBytes(row.AsSpan()));
            }

            writer.Write(EndMagic);
            writer.Flush();
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Reads only the header: (dimensions, count).</summary>
    public static (int Dimensions, int Count) ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        return ReadHeader(reader, path);
    }

    /// <summary>Reads a whole segment and calls <paramref name="onPoint"/> per point with its normalised vector.</summary>
    public static void Read(string path, int expectedDimensions, Action<Guid, string, string, string, ReadOnlySpan<float>> onPoint)
    {
        EnsureLittleEndian();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var (dimensions, count) = ReadHeader(reader, path);
        if (dimensions != expectedDimensions)
        {
            throw new InvalidDataException($"Segment '{path}' has {dimensions} dimensions; its collection has {expectedDimensions}.");
        }

        var ids = new Guid[count];
        var passageIds = new string[count];
        var titles = new string[count];
        var texts = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = new Guid(reader.ReadBytes(16));
            passageIds[i] = reader.ReadString();
            titles[i] = reader.ReadString();
            texts[i] = reader.ReadString();
        }

        var vectors = new float[(long)count * dimensions];
        stream.ReadExactly(MemoryMarshal.AsBytes(vectors.AsSpan()));
        if (!reader.ReadBytes(EndMagic.Length).AsSpan().SequenceEqual(EndMagic))
        {
            throw new InvalidDataException($"Segment '{path}' is truncated or corrupt (end marker missing).");
        }

        for (var i = 0; i < count; i++)
        {
            onPoint(ids[i], passageIds[i], titles[i], texts[i], vectors.AsSpan(i * dimensions, dimensions));
        }
    }

    private static (int Dimensions, int Count) ReadHeader(BinaryReader reader, string path)
    {
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"'{path}' is not a GenQ vector segment (bad magic).");
        }

        var dimensions = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (dimensions is < 1 or > VectorChecks.MaxDimensions || count < 0)
        {
            throw new InvalidDataException($"Segment '{path}' has an invalid header (dimensions {dimensions}, count {count}).");
        }

        return (dimensions, count);
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The embedded vector index stores little-endian floats.");
        }
    }
}
