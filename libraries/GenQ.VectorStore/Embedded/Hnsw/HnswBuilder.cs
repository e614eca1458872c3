namespace GenQ.VectorStore.Embedded.Hnsw;

/// <summary>
/// Builds an <see cref="HnswGraph"/> by inserting the rows in order (Malkov and Yashunin, 2016, algorithms 1 and 4):
/// each row gets a random top layer (geometric, factor 1/ln M), is linked on every layer up to it to neighbours chosen
/// by the diversity heuristic, and neighbours whose lists overflow are re-pruned with the same heuristic. One seeded
/// draw and one insertion order make the build deterministic.
/// </summary>
internal static class HnswBuilder
{
    public static HnswGraph Build(float[] vectors, int count, int dimensions, HnswParameters parameters, CancellationToken cancellationToken = default)
    {
        var random = new Random(parameters.Seed);
        var factor = 1.0 / Math.Log(parameters.M);
        var levels = new byte[count];
        for (var node = 0; node < count; node++)
        {
            levels[node] = (byte)Math.Min(HnswGraph.MaxLayers - 1, (int)(-Math.Log(1.0 - random.NextDouble()) * factor));
        }

        var graph = new HnswGraph(vectors, count, dimensions, parameters.M, levels);
        var visited = new VisitedSet();
        for (var node = 0; node < count; node++)
        {
            if ((node & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Insert(graph, node, parameters.EfConstruction, visited);
        }

        return graph;
    }

    private static void Insert(HnswGraph graph, int node, int efConstruction, VisitedSet visited)
    {
        var level = graph.Level(node);
        if (graph.EntryPoint < 0)
        {
            graph.EntryPoint = node;
            graph.TopLevel = level;
            return;
        }

        var query = graph.Vector(node);
        var entry = graph.EntryPoint;
        var (current, similarity) = graph.Descend(query, entry, graph.Similarity(query, entry), graph.TopLevel, level);
        for (var layer = Math.Min(level, graph.TopLevel); layer >= 0; layer--)
        {
            visited.Reset(graph.Count);
            var found = Sorted(graph.SearchLayer(query, current, similarity, efConstruction, layer, visited));
            var links = SelectDiverse(graph, found, graph.M);
            graph.SetLinks(node, layer, links);
            foreach (var neighbour in links)
            {
                Connect(graph, neighbour, node, layer);
            }

            (current, similarity) = found[0];
        }

        if (level > graph.TopLevel)
        {
            graph.EntryPoint = node;
            graph.TopLevel = level;
        }
    }

    // Adds the back link neighbour -> node; a full list is re-chosen from its links plus the new node.
    private static void Connect(HnswGraph graph, int neighbour, int node, int layer)
    {
        var capacity = layer == 0 ? graph.MaxLinksBottom : graph.M;
        var links = graph.Links(neighbour, layer);
        if (links.Length < capacity)
        {
            Span<int> grown = stackalloc int[links.Length + 1];
            links.CopyTo(grown);
            grown[^1] = node;
            graph.SetLinks(neighbour, layer, grown);
            return;
        }

        var basis = graph.Vector(neighbour);
        var candidates = new List<(int Node, float Similarity)>(links.Length + 1) { (node, graph.Similarity(basis, node)) };
        foreach (var link in links)
        {
            candidates.Add((link, graph.Similarity(basis, link)));
        }

        candidates.Sort(static (a, b) => b.Similarity.CompareTo(a.Similarity));
        graph.SetLinks(neighbour, layer, SelectDiverse(graph, candidates, capacity));
    }

    /// <summary>
    /// The neighbour-selection heuristic: walking candidates from most to least similar, keep one only if it is more
    /// similar to the base than to every neighbour kept so far. Links then point in different directions, which keeps
    /// clusters connected to each other (plain "M nearest" links would all point into the nearest cluster).
    /// </summary>
    private static int[] SelectDiverse(HnswGraph graph, List<(int Node, float Similarity)> sortedCandidates, int max)
    {
        var kept = new List<int>(max);
        foreach (var (candidate, similarity) in sortedCandidates)
        {
            var vector = graph.Vector(candidate);
            var diverse = true;
            foreach (var other in kept)
            {
                if (graph.Similarity(vector, other) > similarity)
                {
                    diverse = false;
                    break;
                }
            }

            if (diverse)
            {
                kept.Add(candidate);
                if (kept.Count == max)
                {
                    break;
                }
            }
        }

        return [.. kept];
    }

    private static List<(int Node, float Similarity)> Sorted(PriorityQueue<int, float> heap)
    {
        var list = new List<(int Node, float Similarity)>(heap.Count);
        while (heap.TryDequeue(out var node, out var similarity))
        {
            list.Add((node, similarity));
        }

        list.Reverse();
        return list;
    }
}
