using GenQ.VectorStore.Embedded;
using GenQ.VectorStore.Model;
using GenQ.VectorStore.Tests.Infrastructure;

namespace GenQ.VectorStore.Tests.Embedded;

/// <summary>The scan kernels directly: batched and partitioned scans must give exactly the single-query answers.</summary>
public sealed class EmbeddedCollectionTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task PartitionedAndBatchedScansEqualBruteForce()
    {
        var vectors = TestVectors.RandomUnit(20_000, 16, seed: 60);
        var index = new EmbeddedVectorIndex(new VectorStoreOptions { DataDirectory = _directory.Path, UpsertBatchSize = 5000 });
        await index.CreateVersionAsync("scan", "v1", 16);
        await index.UpsertAsync("scan", "v1", TestVectors.Points(vectors));
        await index.PublishVersionAsync("scan", "v1");
        var manifest = new EmbeddedCatalog(new EmbeddedLayout(_directory.Path)).ReadPublished("scan", "v1")!;
        var collection = EmbeddedCollection.Load(Path.Combine(_directory.Path, "collections", "scan", "v1"), manifest, quantize: true);
        var queries = TestVectors.RandomUnit(6, 16, seed: 61);
        var work = queries.Select((q, i) => new SearchWork(collection, q, 5 + i, i % 2 == 0 ? 0 : 200, CancellationToken.None)).ToArray();

        foreach (var partitions in new[] { 1, 2, 3, 4 })
        {
            var results = collection.SearchBatch(work, partitions);

            for (var i = 0; i < work.Length; i++)
            {
                var expected = TestVectors.BruteForce(vectors, queries[i], work[i].TopK).Select(e => e.Id);
                Assert.Equal(expected, results[i].Select(h => h.PassageId));
            }
        }

        Assert.True(collection.IsQuantized);
        Assert.Equal(20_000, collection.Count);
    }

    [Fact]
    public async Task TopKLargerThanTheCollectionReturnsEveryPoint()
    {
        var index = new EmbeddedVectorIndex(new VectorStoreOptions { DataDirectory = _directory.Path, Quantization = true });
        await index.CreateVersionAsync("tiny", "v1", 3);
        await index.UpsertAsync("tiny", "v1", TestVectors.Points(TestVectors.RandomUnit(3, 3, seed: 62)));
        await index.PublishVersionAsync("tiny", "v1");

        var result = await index.SearchAsync(new VectorSearchRequest("tiny", new float[] { 1, 2, 3 }, 50));

        Assert.Equal(3, result.Hits.Count);
        Assert.True(result.Hits[0].Score >= result.Hits[1].Score && result.Hits[1].Score >= result.Hits[2].Score);
    }
}
