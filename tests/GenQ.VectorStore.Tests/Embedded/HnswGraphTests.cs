using GenQ.VectorStore.Embedded.Hnsw;
using GenQ.VectorStore.Tests.Infrastructure;

namespace GenQ.VectorStore.Tests.Embedded;

public sealed class HnswGraphTests
{
    private const int Dimensions = 64;

    [Fact]
    public void RecallAtTenAgainstExactSearchRisesWithEfAndReaches97Percent()
    {
        // Isotropic noise makes the members of one cluster nearly equidistant: a hard case (real embeddings have more
        // local structure), so a generous ef is needed here; the benchmark measures real embeddings.
        var vectors = TestVectors.Clustered(4000, Dimensions, clusters: 40, spread: 0.8f, seed: 7);
        var graph = Build(vectors, new HnswParameters(M: 12, EfConstruction: 64));
        var queries = TestVectors.Clustered(100, Dimensions, clusters: 40, spread: 0.8f, seed: 7 + 1000);
        var exact = queries.Select(q => TestVectors.BruteForce(vectors, q, 10).Select(h => int.Parse(h.Id[1..])).ToHashSet()).ToArray();

        double Recall(int ef) => queries.Select((q, i) => graph.Search(q, 10, ef).Count(h => exact[i].Contains(h.Row))).Sum() / 1000.0;

        var narrow = Recall(16);
        var wide = Recall(256);
        Assert.InRange(wide, 0.97, 1.0);
        Assert.True(narrow < wide, $"recall at ef 16 ({narrow}) should be below recall at ef 256 ({wide})");
        Assert.Equal(1.0, Recall(4000)); // a candidate list as large as the collection finds the exact top 10
    }

    [Fact]
    public void HitsAreExactCosinesBestFirstAndAStoredVectorFindsItself()
    {
        var vectors = TestVectors.Clustered(1500, Dimensions, clusters: 15, spread: 0.8f, seed: 8);
        var graph = Build(vectors, new HnswParameters(M: 8, EfConstruction: 40));

        foreach (var row in new[] { 0, 1, 777, 1499 })
        {
            var hits = graph.Search(vectors[row], 5, ef: 32);
            Assert.Equal(row, hits[0].Row);
            Assert.Equal(1f, hits[0].Score, 4);
            Assert.Equal(hits.OrderByDescending(h => h.Score).Select(h => h.Row), hits.Select(h => h.Row));
            foreach (var (hitRow, score) in hits)
            {
                Assert.Equal(System.Numerics.Tensors.TensorPrimitives.Dot(vectors[row], vectors[hitRow]), score, 5);
            }
        }
    }

    [Fact]
    public void LinksStayWithinTheirCapsAndEveryNodeIsReachable()
    {
        var vectors = TestVectors.Clustered(2000, Dimensions, clusters: 20, spread: 0.8f, seed: 9);
        var graph = Build(vectors, new HnswParameters(M: 6, EfConstruction: 32));

        var seen = new bool[graph.Count];
        var stack = new Stack<int>([graph.EntryPoint]);
        seen[graph.EntryPoint] = true;
        while (stack.TryPop(out var node))
        {
            Assert.InRange(graph.Links(node, 0).Length, 1, graph.MaxLinksBottom);
            for (var level = 1; level <= graph.Level(node); level++)
            {
                Assert.InRange(graph.Links(node, level).Length, 0, graph.M);
            }

            foreach (var next in graph.Links(node, 0))
            {
                if (!seen[next])
                {
                    seen[next] = true;
                    stack.Push(next);
                }
            }
        }

        Assert.All(seen, Assert.True);
        Assert.Equal(graph.TopLevel, graph.Level(graph.EntryPoint));
    }

    [Fact]
    public void TheSameVectorsInTheSameOrderGiveTheSameGraph()
    {
        var vectors = TestVectors.Clustered(800, Dimensions, clusters: 8, spread: 0.8f, seed: 10);
        var a = Build(vectors, new HnswParameters(8, 32));
        var b = Build(vectors, new HnswParameters(8, 32));

        Assert.Equal(a.EntryPoint, b.EntryPoint);
        for (var node = 0; node < a.Count; node++)
        {
            Assert.Equal(a.Level(node), b.Level(node));
            for (var level = 0; level <= a.Level(node); level++)
            {
                Assert.Equal(a.Links(node, level).ToArray(), b.Links(node, level).ToArray());
            }
        }
    }

    [Fact]
    public async Task AStoredGraphReadsBackIdenticallyAndIsRefusedForOtherRowsOrWhenDamaged()
    {
        using var directory = new TempDirectory();
        var vectors = TestVectors.Clustered(1000, Dimensions, clusters: 10, spread: 0.8f, seed: 11);
        var flat = vectors.SelectMany(v => v).ToArray();
        var parameters = new HnswParameters(8, 32);
        var graph = HnswBuilder.Build(flat, vectors.Length, Dimensions, parameters);
        var path = Path.Combine(directory.Path, HnswFile.FileName);
        await HnswFile.WriteAsync(path, graph, parameters, rowDigest: 1234, CancellationToken.None);

        var read = HnswFile.TryRead(directory.Path, flat, vectors.Length, Dimensions, 1234, out var reason);
        Assert.NotNull(read);
        Assert.Equal("graph file", reason);
        foreach (var query in vectors.Take(20))
        {
            Assert.Equal(graph.Search(query, 10, 40), read.Search(query, 10, 40));
        }

        Assert.Null(HnswFile.TryRead(directory.Path, flat, vectors.Length, Dimensions, 999, out reason));
        Assert.Contains("does not match", reason);
        Assert.Null(HnswFile.TryRead(Path.Combine(directory.Path, "elsewhere"), flat, vectors.Length, Dimensions, 1234, out reason));
        Assert.Equal("no graph file", reason);

        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length - 100)]);
        var truncated = Assert.Throws<InvalidDataException>(() => HnswFile.TryRead(directory.Path, flat, vectors.Length, Dimensions, 1234, out _));
        Assert.Contains(HnswFile.FileName, truncated.Message);

        BitConverter.GetBytes(5000).CopyTo(bytes, bytes.Length - 8 - 4); // a link far past the last row
        await File.WriteAllBytesAsync(path, bytes);
        Assert.Throws<InvalidDataException>(() => HnswFile.TryRead(directory.Path, flat, vectors.Length, Dimensions, 1234, out _));
    }

    private static HnswGraph Build(float[][] vectors, HnswParameters parameters) =>
        HnswBuilder.Build(vectors.SelectMany(v => v).ToArray(), vectors.Length, vectors[0].Length, parameters);
}
