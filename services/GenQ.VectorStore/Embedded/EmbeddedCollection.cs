using System.Numerics.Tensors;
using GenQ.VectorStore.Model;

namespace GenQ.VectorStore.Embedded;

/// <summary>
/// One collection loaded in memory: a contiguous row-major matrix of L2-normalised float vectors (cosine = dot product),
/// the payload per row, and optionally int8 codes with one scale per row. Immutable once loaded, so any number of
/// searches may run on it concurrently while an alias switch replaces it.
/// </summary>
internal sealed class EmbeddedCollection
{
    private readonly float[] _vectors;   // (Count, Dimensions) row-major, each row unit length
    private readonly string[] _passageIds;
    private readonly string[] _titles;
    private readonly string[] _texts;
    private readonly sbyte[]? _codes;    // (Count, Dimensions) int8, present when quantised
    private readonly float[]? _scales;   // (Count) dequantisation scale per row

    private EmbeddedCollection(CollectionManifest manifest, int count, float[] vectors, string[] passageIds, string[] titles, string[] texts, bool quantize)
    {
        Manifest = manifest;
        Count = count;
        _vectors = vectors;
        _passageIds = passageIds;
        _titles = titles;
        _texts = texts;
        if (quantize)
        {
            var d = manifest.Dimensions;
            _codes = new sbyte[(long)count * d];
            _scales = new float[count];
            for (var row = 0; row < count; row++)
            {
                _scales[row] = Int8Vectors.Quantize(_vectors.AsSpan(row * d, d), _codes.AsSpan(row * d, d));
            }
        }
    }

    public CollectionManifest Manifest { get; }

    public int Dimensions => Manifest.Dimensions;

    public int Count { get; }

    public bool IsQuantized => _codes is not null;

    /// <summary>Approximate bytes held by vectors and codes (payload strings not included).</summary>
    public long VectorBytes => ((long)Count * Dimensions * sizeof(float)) + (_codes?.LongLength ?? 0) + ((_scales?.LongLength ?? 0) * sizeof(float));

    /// <summary>Reads every segment of <paramref name="directory"/>; a later segment replaces a point with the same id.</summary>
    public static EmbeddedCollection Load(string directory, CollectionManifest manifest, bool quantize)
    {
        var segments = EmbeddedLayout.Segments(directory);
        long capacity = 0;
        foreach (var segment in segments)
        {
            capacity += SegmentFile.ReadHeader(segment).Count;
        }

        var d = manifest.Dimensions;
        if (capacity * d > Array.MaxLength)
        {
            throw new InvalidDataException($"Collection '{directory}' holds {capacity} x {d} values, more than one array can hold.");
        }

        var vectors = new float[capacity * d];
        var passageIds = new string[capacity];
        var titles = new string[capacity];
        var texts = new string[capacity];
        var rowsById = new Dictionary<Guid, int>((int)capacity);
        var count = 0;
        foreach (var segment in segments)
        {
            SegmentFile.Read(segment, d, (id, passageId, title, text, vector) =>
            {
                if (!rowsById.TryGetValue(id, out var row))
                {
                    row = count++;
                    rowsById.Add(id, row);
                }

                passageIds[row] = passageId;
                titles[row] = title;
                texts[row] = text;
                vector.CopyTo(vectors.AsSpan(row * d, d));
            });
        }

        return new EmbeddedCollection(manifest, count, vectors, passageIds, titles, texts, quantize);
    }

    /// <summary>
    /// Top-k by cosine similarity. <paramref name="rescoreCandidates"/> = 0 scans the float matrix (exact); otherwise the
    /// int8 codes pick that many candidates, which are re-scored with the float vectors.
    /// </summary>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> unitQuery, int topK, int rescoreCandidates)
    {
        var k = Math.Min(topK, Count);
        var top = rescoreCandidates > 0 && _codes is not null
            ? SearchQuantized(unitQuery, k, Math.Clamp(rescoreCandidates, k, Count))
            : SearchExact(unitQuery, k);

        var hits = new VectorHit[top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            var (row, score) = top[i];
            hits[i] = new VectorHit(_passageIds[row], _titles[row], _texts[row], score);
        }

        return hits;
    }

    private (int Row, float Score)[] SearchExact(ReadOnlySpan<float> query, int k)
    {
        var d = Dimensions;
        var heap = new TopKHeap(k);
        var vectors = _vectors.AsSpan(0, Count * d);
        for (var row = 0; row < Count; row++)
        {
            heap.Offer(TensorPrimitives.Dot(query, vectors.Slice(row * d, d)), row);
        }

        return heap.ToSortedArray();
    }

    private (int Row, float Score)[] SearchQuantized(ReadOnlySpan<float> query, int k, int candidates)
    {
        var d = Dimensions;
        Span<sbyte> queryCodes = d <= 4096 ? stackalloc sbyte[d] : new sbyte[d];
        Int8Vectors.Quantize(query, queryCodes);

        // The query's own scale is the same for every row, so it does not change the candidate order.
        var approximate = new TopKHeap(candidates);
        var codes = _codes.AsSpan(0, Count * d);
        var scales = _scales!;
        for (var row = 0; row < Count; row++)
        {
            approximate.Offer(Int8Vectors.Dot(queryCodes, codes.Slice(row * d, d)) * scales[row], row);
        }

        var exact = new TopKHeap(k);
        foreach (var (row, _) in approximate.ToSortedArray())
        {
            exact.Offer(TensorPrimitives.Dot(query, _vectors.AsSpan(row * d, d)), row);
        }

        return exact.ToSortedArray();
    }
}
