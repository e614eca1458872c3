using System.Runtime.InteropServices;
using System.Text;
using GenQ.Contracts.Files;

namespace GenQ.VectorStore.Embedded.Hnsw;

/// <summary>
/// hnsw.bin of a published collection. Layout (little-endian): magic "GQHNSW01", int32 count, dimensions, M,
/// efConstruction, seed, entry point, top level, uint64 digest of the point ids in row order, then levels (count bytes),
/// bottom-layer link counts (count bytes), bottom-layer links (count x 2M int32), each upper-level node's blocks
/// (level x (1 + M) int32, in row order), then magic "GQHNSWEN" so a truncated file is detected. The graph refers to
/// rows, so it is used only when the collection loads the same points in the same order (same digest); otherwise the
/// collection is searched exactly.
/// </summary>
internal static class HnswFile
{
    public const string FileName = "hnsw.bin";

    private static readonly byte[] Magic = "GQHNSW01"u8.ToArray();
    private static readonly byte[] EndMagic = "GQHNSWEN"u8.ToArray();

    public static Task WriteAsync(string path, HnswGraph graph, HnswParameters parameters, ulong rowDigest, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, (stream, _) =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            foreach (var value in new[] { graph.Count, graph.Dimensions, graph.M, parameters.EfConstruction, parameters.Seed, graph.EntryPoint, graph.TopLevel })
            {
                writer.Write(value);
            }

            writer.Write(rowDigest);
            var (levels, bottom, bottomCounts, upper) = graph.Storage;
            writer.Write(levels);
            writer.Write(bottomCounts);
            writer.Write(MemoryMarshal.AsBytes(bottom.AsSpan()));
            foreach (var block in upper)
            {
                if (block is not null)
                {
                    writer.Write(MemoryMarshal.AsBytes(block.AsSpan()));
                }
            }

            writer.Write(EndMagic);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// The graph stored next to a collection's segments, or null with the reason when there is none or it does not fit
    /// the loaded rows. A damaged file (bad magic, truncated, links out of range) throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static HnswGraph? TryRead(string directory, float[] vectors, int count, int dimensions, ulong rowDigest, out string reason)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            reason = "no graph file";
            return null;
        }

        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8, leaveOpen: false);
        try
        {
            Expect(reader.ReadBytes(Magic.Length), Magic, path);
            var (storedCount, storedDimensions, m) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
            _ = reader.ReadInt32(); // efConstruction: informational
            _ = reader.ReadInt32(); // seed: informational
            var (entry, topLevel, digest) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadUInt64());
            if (storedCount != count || storedDimensions != dimensions || digest != rowDigest)
            {
                reason = $"graph of {storedCount} x {storedDimensions} (digest {digest:x16}) does not match the {count} x {dimensions} rows loaded (digest {rowDigest:x16})";
                return null;
            }

            if (m is < 2 or > 127 || topLevel is < 0 or >= HnswGraph.MaxLayers || entry < 0 || entry >= count)
            {
                throw new InvalidDataException($"Graph file '{path}' has invalid parameters (M {m}, top level {topLevel}, entry {entry}).");
            }

            var levels = reader.ReadBytes(count);
            var bottomCounts = reader.ReadBytes(count);
            var bottom = new int[(long)count * 2 * m];
            ReadInts(reader, bottom, path);
            var upper = new int[]?[count];
            for (var node = 0; node < count; node++)
            {
                if (levels.Length == count && levels[node] > 0)
                {
                    upper[node] = new int[levels[node] * (m + 1)];
                    ReadInts(reader, upper[node]!, path);
                }
            }

            Expect(reader.ReadBytes(EndMagic.Length), EndMagic, path);
            Check(levels, bottomCounts, bottom, upper, count, m, path);
            reason = "graph file";
            return new HnswGraph(vectors, count, dimensions, m, levels, bottom, bottomCounts, upper, entry, topLevel);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"Graph file '{path}' is truncated.", ex);
        }
    }

    private static void ReadInts(BinaryReader reader, int[] destination, string path)
    {
        var bytes = MemoryMarshal.AsBytes(destination.AsSpan());
        if (reader.BaseStream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length)
        {
            throw new InvalidDataException($"Graph file '{path}' is truncated.");
        }
    }

    // A graph whose links point outside the rows would crash searches: refuse it at load instead.
    private static void Check(byte[] levels, byte[] bottomCounts, int[] bottom, int[]?[] upper, int count, int m, string path)
    {
        if (levels.Length != count || bottomCounts.Length != count)
        {
            throw new InvalidDataException($"Graph file '{path}' is truncated.");
        }

        for (var node = 0; node < count; node++)
        {
            if (bottomCounts[node] > 2 * m || levels[node] >= HnswGraph.MaxLayers)
            {
                throw new InvalidDataException($"Graph file '{path}': node {node} has {bottomCounts[node]} links or level {levels[node]}.");
            }
        }

        foreach (var link in bottom)
        {
            if ((uint)link >= (uint)count)
            {
                throw new InvalidDataException($"Graph file '{path}' links to row {link} of {count}.");
            }
        }

        foreach (var block in upper)
        {
            for (var start = 0; block is not null && start < block.Length; start += m + 1)
            {
                if ((uint)block[start] > (uint)m || block.AsSpan(start + 1, block[start]).ContainsAnyExceptInRange(0, count - 1))
                {
                    throw new InvalidDataException($"Graph file '{path}' has an upper-layer block out of range.");
                }
            }
        }
    }

    private static void Expect(byte[] actual, byte[] expected, string path)
    {
        if (!actual.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidDataException($"Graph file '{path}' is not a GenQ HNSW graph (or is truncated).");
        }
    }
}
