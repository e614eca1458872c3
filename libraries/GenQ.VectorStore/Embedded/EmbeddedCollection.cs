using System.Numerics.Tensors;
using GenQ.VectorStore.Embedded.Hnsw;
using GenQ.VectorStore.Model;

namespace GenQ.VectorStore.Embedded;

/// <summary>
/// One collection loaded in memory: a contiguous row-major matrix of L2-normalised float vectors (cosine = dot product),
/// the payload per row, optionally int8 codes with one scale per row, and optionally an HNSW graph over the rows.
/// Immutable once loaded, so any number of searches may run on it concurrently while an alias switch replaces it.
/// </summary>
internal sealed class EmbeddedCollection
{
    private readonly float[] _vectors;   // (Count, Dimensions) row-major, each row unit length
    private readonly string[] _passageIds;
    private readonly string[] _titles;
    private readonly string[] _texts;
    private readonly sbyte[]? _codes;    // (Count, Dimensions) int8, present when quantised
    private readonly float[]? _scales;   // (Count) dequantisation scale per row

    // Below this many rows per thread, splitting a scan costs more than it saves.
    private const int MinRowsPerPartition = 8192;

    private EmbeddedCollection(CollectionManifest manifest, int count, float[] vectors, string[] passageIds, string[] titles, string[] texts, bool quantize,
        ulong rowDigest)
    {
        Manifest = manifest;
        Count = count;
        RowDigest = rowDigest;
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

    /// <summary>Digest of the point ids in row order: a stored graph is valid only for rows in this order.</summary>
    public ulong RowDigest { get; }

    /// <summary>The HNSW graph searches use when asked for approximate search; null: every search scans.</summary>
    public HnswGraph? Graph { get; private set; }

    /// <summary>Why <see cref="Graph"/> is or is not there (for the load log).</summary>
    public string GraphStatus { get; private set; } = "not requested";

    /// <summary>Approximate bytes held by vectors and codes (payload strings not included).</summary>
    public long VectorBytes => ((long)Count * Dimensions * sizeof(float)) + (_codes?.LongLength ?? 0) + ((_scales?.LongLength ?? 0) * sizeof(float));

    /// <summary>Builds a graph over the loaded rows (publish time).</summary>
    public HnswGraph BuildGraph(HnswParameters parameters, CancellationToken cancellationToken) =>
        HnswBuilder.Build(_vectors, Count, Dimensions, parameters, cancellationToken);

    /// <summary>Reads every segment of <paramref name="directory"/> and, with <paramref name="loadGraph"/>, its hnsw.bin if it fits the rows.</summary>
    public static EmbeddedCollection Load(string directory, CollectionManifest manifest, bool quantize, bool loadGraph)
    {
        var collection = Load(directory, manifest, quantize);
        if (loadGraph)
        {
            collection.Graph = HnswFile.TryRead(directory, collection._vectors, collection.Count, collection.Dimensions, collection.RowDigest, out var reason);
            collection.GraphStatus = reason;
        }

        return collection;
    }

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
        var rowIds = new Guid[capacity];
        var count = 0;
        foreach (var segment in segments)
        {
            SegmentFile.Read(segment, d, (id, passageId, title, text, vector) =>
            {
                if (!rowsById.TryGetValue(id, out var row))
                {
                    row = count++;
                    rowsById.Add(id, row);
                    rowIds[row] = id;
                }

                passageIds[row] = passageId;
                titles[row] = title;
                texts[row] = text;
                vector.CopyTo(vectors.AsSpan(row * d, d));
            });
        }

        return new EmbeddedCollection(manifest, count, vectors, passageIds, titles, texts, quantize, Digest(rowIds.AsSpan(0, count)));
    }

    // FNV-1a over the id bytes in row order.
    private static ulong Digest(ReadOnlySpan<Guid> ids)
    {
        var hash = 14695981039346656037UL;
        Span<byte> bytes = stackalloc byte[16];
        foreach (var id in ids)
        {
            id.TryWriteBytes(bytes);
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * 1099511628211UL;
            }
        }

        return hash;
    }

    /// <summary>Reads and checks every segment of <paramref name="directory"/> and counts distinct point ids.</summary>
    public static int CountDistinct(string directory, int dimensions)
    {
        var ids = new HashSet<Guid>();
        foreach (var segment in EmbeddedLayout.Segments(directory))
        {
            SegmentFile.Read(segment, dimensions, (id, _, _, _, _) => ids.Add(id));
        }

        return ids.Count;
    }

    /// <summary>
    /// Top-k by cosine similarity. Work items with <see cref="SearchWork.GraphEf"/> above 0 walk the graph when there is
    /// one (each alone: graph walks share no memory traffic). The rest run in one pass over the matrix: each row is read from memory once
    /// and compared with every query while it is in cache, so concurrent searches share the memory traffic that
    /// dominates a scan. Work items with <see cref="SearchWork.RescoreCandidates"/> = 0 are exact; others pick that
    /// many candidates on the int8 codes and re-score them with the float vectors. With <paramref name="partitions"/>
    /// above 1 the rows are split across that many threads (used when a search would otherwise leave cores idle).
    /// </summary>
    public IReadOnlyList<VectorHit>[] SearchBatch(IReadOnlyList<SearchWork> work, int partitions = 1)
    {
        var exact = new List<int>();
        var quantized = new List<int>();
        var rows = new (int Row, float Score)[work.Count][];
        for (var i = 0; i < work.Count; i++)
        {
            if (work[i].GraphEf > 0 && Graph is { } graph)
            {
                rows[i] = graph.Search(work[i].UnitQuery, Math.Min(work[i].TopK, Count), work[i].GraphEf);
                continue;
            }

            (work[i].RescoreCandidates > 0 && _codes is not null ? quantized : exact).Add(i);
        }

        if (exact.Count > 0)
        {
            var top = Scan(work, exact, quantized: false, partitions);
            for (var q = 0; q < exact.Count; q++)
            {
                rows[exact[q]] = top[q].ToSortedArray();
            }
        }

        if (quantized.Count > 0)
        {
            var candidates = Scan(work, quantized, quantized: true, partitions);
            for (var q = 0; q < quantized.Count; q++)
            {
                rows[quantized[q]] = Rescore(work[quantized[q]], candidates[q]);
            }
        }

        var results = new IReadOnlyList<VectorHit>[work.Count];
        for (var i = 0; i < work.Count; i++)
        {
            results[i] = Array.ConvertAll(rows[i], r => new VectorHit(_passageIds[r.Row], _titles[r.Row], _texts[r.Row], r.Score));
        }

        return results;
    }

    // One heap per item: its top_k (exact) or its candidate count (int8), over all rows, optionally in parallel parts.
    private TopKHeap[] Scan(IReadOnlyList<SearchWork> work, List<int> items, bool quantized, int partitions)
    {
        var capacities = items.Select(i => quantized
            ? Math.Clamp(work[i].RescoreCandidates, Math.Min(work[i].TopK, Count), Count)
            : Math.Min(work[i].TopK, Count)).ToArray();
        var queries = items.Select(i => work[i].UnitQuery).ToArray();
        sbyte[][]? queryCodes = null;
        if (quantized)
        {
            queryCodes = new sbyte[queries.Length][];
            for (var q = 0; q < queries.Length; q++)
            {
                queryCodes[q] = new sbyte[Dimensions];
                Int8Vectors.Quantize(queries[q], queryCodes[q]); // the query's own scale is the same for every row: ignored
            }
        }

        partitions = Math.Clamp(partitions, 1, Math.Max(1, Count / MinRowsPerPartition));
        if (partitions == 1)
        {
            return ScanRange(0, Count, capacities, queries, queryCodes);
        }

        var chunk = (Count + partitions - 1) / partitions;
        var parts = new TopKHeap[partitions][];
        Parallel.For(0, partitions, p => parts[p] = ScanRange(p * chunk, Math.Min(Count, (p + 1) * chunk), capacities, queries, queryCodes));
        var merged = capacities.Select(c => new TopKHeap(c)).ToArray();
        foreach (var part in parts)
        {
            for (var q = 0; q < merged.Length; q++)
            {
                foreach (var (row, score) in part[q].ToSortedArray())
                {
                    merged[q].Offer(score, row);
                }
            }
        }

        return merged;
    }

    private TopKHeap[] ScanRange(int from, int to, int[] capacities, float[][] queries, sbyte[][]? queryCodes)
    {
        var d = Dimensions;
        var heaps = capacities.Select(c => new TopKHeap(c)).ToArray();
        if (queryCodes is null)
        {
            var vectors = _vectors.AsSpan(0, Count * d);
            for (var row = from; row < to; row++)
            {
                var vector = vectors.Slice(row * d, d); // (d) stays in L1 while every query is compared with it
                for (var q = 0; q < queries.Length; q++)
                {
                    heaps[q].Offer(TensorPrimitives.Dot(queries[q], vector), row);
                }
            }
        }
        else
        {
            var codes = _codes.AsSpan(0, Count * d);
            var scales = _scales!;
            for (var row = from; row < to; row++)
            {
                var code = codes.Slice(row * d, d);
                var scale = scales[row];
                for (var q = 0; q < queryCodes.Length; q++)
                {
                    heaps[q].Offer(Int8Vectors.Dot(queryCodes[q], code) * scale, row);
                }
            }
        }

        return heaps;
    }

    private (int Row, float Score)[] Rescore(SearchWork item, TopKHeap candidates)
    {
        var d = Dimensions;
        var exact = new TopKHeap(Math.Min(item.TopK, Count));
        foreach (var (row, _) in candidates.ToSortedArray())
        {
            exact.Offer(TensorPrimitives.Dot(item.UnitQuery, _vectors.AsSpan(row * d, d)), row);
        }

        return exact.ToSortedArray();
    }
}
