using System.Numerics.Tensors;

namespace GenQ.VectorStore.Embedded.Hnsw;

/// <summary>
/// A hierarchical navigable small world graph over the rows of a collection's unit-vector matrix (cosine = dot
/// product). A search walks greedily down the sparse upper layers to a good entry point, then explores the bottom layer
/// best-first, keeping the <c>ef</c> most similar rows seen; larger <c>ef</c> trades time for recall. Rows are the
/// collection's rows, so a hit is scored with the exact float vector. Immutable once built; searched concurrently.
/// </summary>
internal sealed class HnswGraph
{
    /// <summary>Highest layer a node can be drawn into (the expected top layer of 1e9 rows with M = 16 is about 7).</summary>
    public const int MaxLayers = 16;

    private readonly float[] _vectors;   // (Count, Dimensions) row-major unit vectors, shared with the collection
    private readonly byte[] _levels;     // (Count) top layer of each node
    private readonly int[] _bottom;      // (Count, MaxLinksBottom) bottom-layer links
    private readonly byte[] _bottomCounts;
    private readonly int[]?[] _upper;    // per node with level L > 0: L blocks of (1 + M) ints: count, then links

    /// <summary>An empty graph (no links yet) for <see cref="HnswBuilder"/> to fill.</summary>
    public HnswGraph(float[] vectors, int count, int dimensions, int m, byte[] levels)
        : this(vectors, count, dimensions, m, levels, new int[(long)count * 2 * m], new byte[count], UpperBlocks(levels, m), -1, 0)
    {
    }

    /// <summary>Rebuilds a graph from its stored arrays (see <see cref="HnswFile"/>).</summary>
    internal HnswGraph(float[] vectors, int count, int dimensions, int m, byte[] levels, int[] bottom, byte[] bottomCounts, int[]?[] upper, int entryPoint, int topLevel)
    {
        _vectors = vectors;
        Count = count;
        Dimensions = dimensions;
        M = m;
        _levels = levels;
        _bottom = bottom;
        _bottomCounts = bottomCounts;
        _upper = upper;
        EntryPoint = entryPoint;
        TopLevel = topLevel;
    }

    public int Count { get; }

    // One block of (1 + M) ints per upper level of each node that has any.
    private static int[]?[] UpperBlocks(byte[] levels, int m) =>
        Array.ConvertAll(levels, level => level > 0 ? new int[level * (m + 1)] : null);

    public int Dimensions { get; }

    public int M { get; }

    public int MaxLinksBottom => 2 * M;

    /// <summary>Node every search starts from: one on the top layer.</summary>
    public int EntryPoint { get; internal set; } = -1;

    /// <summary>Top layer of the graph.</summary>
    public int TopLevel { get; internal set; }

    public int Level(int node) => _levels[node];

    /// <summary>The stored arrays, for <see cref="HnswFile"/>.</summary>
    internal (byte[] Levels, int[] Bottom, byte[] BottomCounts, int[]?[] Upper) Storage => (_levels, _bottom, _bottomCounts, _upper);

    public ReadOnlySpan<int> Links(int node, int level)
    {
        if (level == 0)
        {
            return _bottom.AsSpan(node * MaxLinksBottom, _bottomCounts[node]);
        }

        var block = _upper[node].AsSpan((level - 1) * (M + 1), M + 1);
        return block.Slice(1, block[0]);
    }

    internal void SetLinks(int node, int level, ReadOnlySpan<int> links)
    {
        if (level == 0)
        {
            links.CopyTo(_bottom.AsSpan(node * MaxLinksBottom, MaxLinksBottom));
            _bottomCounts[node] = (byte)links.Length;
            return;
        }

        var block = _upper[node].AsSpan((level - 1) * (M + 1), M + 1);
        block[0] = links.Length;
        links.CopyTo(block[1..]);
    }

    public ReadOnlySpan<float> Vector(int node) => _vectors.AsSpan(node * Dimensions, Dimensions);

    public float Similarity(ReadOnlySpan<float> query, int node) => TensorPrimitives.Dot(query, Vector(node));

    /// <summary>
    /// The <paramref name="k"/> most similar rows, best first (ties: lower row first). <paramref name="ef"/> (raised to
    /// at least k) is the size of the candidate list explored on the bottom layer.
    /// </summary>
    public (int Row, float Score)[] Search(ReadOnlySpan<float> query, int k, int ef)
    {
        if (Count == 0 || k <= 0)
        {
            return [];
        }

        var (entry, similarity) = Descend(query, EntryPoint, Similarity(query, EntryPoint), TopLevel, 0);
        var results = SearchLayer(query, entry, similarity, Math.Max(ef, k), 0, VisitedSet.ForThread(Count));
        var hits = new (int Row, float Score)[results.Count];
        while (results.TryDequeue(out var row, out var score))
        {
            hits[results.Count] = (row, score); // the min-heap yields worst first: fill from the back
        }

        Array.Sort(hits, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Row.CompareTo(b.Row));
        return hits.Length > k ? hits[..k] : hits;
    }

    /// <summary>Greedy walk from <paramref name="entry"/> on each layer from <paramref name="fromLevel"/> down to just above <paramref name="toLevel"/>.</summary>
    internal (int Node, float Similarity) Descend(ReadOnlySpan<float> query, int entry, float similarity, int fromLevel, int toLevel)
    {
        for (var level = fromLevel; level > toLevel; level--)
        {
            var improved = true;
            while (improved)
            {
                improved = false;
                foreach (var neighbour in Links(entry, level))
                {
                    var s = Similarity(query, neighbour);
                    if (s > similarity)
                    {
                        (entry, similarity, improved) = (neighbour, s, true);
                    }
                }
            }
        }

        return (entry, similarity);
    }

    /// <summary>
    /// Best-first search of one layer: returns up to <paramref name="ef"/> nodes as a min-heap on similarity (worst on
    /// top). Stops when the best unexplored candidate is worse than the worst result of a full list.
    /// </summary>
    internal PriorityQueue<int, float> SearchLayer(ReadOnlySpan<float> query, int entry, float similarity, int ef, int level, VisitedSet visited)
    {
        var candidates = new PriorityQueue<int, float>(); // priority -similarity: best candidate first
        var results = new PriorityQueue<int, float>(ef + 1);
        visited.Add(entry);
        candidates.Enqueue(entry, -similarity);
        results.Enqueue(entry, similarity);
        while (candidates.TryDequeue(out var current, out var negated))
        {
            results.TryPeek(out _, out var worst);
            if (-negated < worst && results.Count >= ef)
            {
                break;
            }

            foreach (var neighbour in Links(current, level))
            {
                if (!visited.Add(neighbour))
                {
                    continue;
                }

                var s = Similarity(query, neighbour);
                results.TryPeek(out _, out worst);
                if (results.Count < ef || s > worst)
                {
                    candidates.Enqueue(neighbour, -s);
                    results.Enqueue(neighbour, s);
                    if (results.Count > ef)
                    {
                        results.Dequeue();
                    }
                }
            }
        }

        return results;
    }
}
