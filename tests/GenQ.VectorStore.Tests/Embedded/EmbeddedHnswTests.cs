using GenQ.VectorStore.Embedded;
using GenQ.VectorStore.Embedded.Hnsw;
using GenQ.VectorStore.Model;
using GenQ.VectorStore.Tests.Infrastructure;

namespace GenQ.VectorStore.Tests.Embedded;

/// <summary>
/// The embedded index's HNSW graphs: built at publish for versions of at least MinPoints, stored next to the segments,
/// used after a restart, and never used for small versions, when disabled, or when the file is gone.
/// </summary>
public sealed class EmbeddedHnswTests : IDisposable
{
    private const int Dimensions = 64;
    private readonly TempDirectory _directory = new();
    // Hard data (see HnswGraphTests): a small ef loses some of the exact top 10, which shows the graph answered.
    private readonly float[][] _vectors = TestVectors.Clustered(3000, Dimensions, clusters: 30, spread: 0.8f, seed: 60);
    private readonly float[][] _queries = TestVectors.Clustered(40, Dimensions, clusters: 30, spread: 0.8f, seed: 61);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ALargeVersionGetsAGraphAtPublishThatSearchesUseAndARestartReads()
    {
        await PublishAsync(NewIndex(minPoints: 1000), "big");
        Assert.True(File.Exists(GraphFile("big")));

        var narrow = NewIndex(minPoints: 1000, efSearch: 10);
        var wide = NewIndex(minPoints: 1000, efSearch: 400);
        var recallNarrow = await RecallAsync(narrow, "big");
        var recallWide = await RecallAsync(wide, "big");

        Assert.InRange(recallNarrow, 0.3, 0.995); // approximate: the graph answered, not a scan
        Assert.InRange(recallWide, 0.97, 1.0);
        Assert.True(recallNarrow < recallWide);
        var hits = (await wide.SearchAsync(new VectorSearchRequest("big", _vectors[123], 3))).Hits;
        Assert.Equal("p123", hits[0].PassageId);
        Assert.Equal("text of passage 123", hits[0].Text);
        Assert.Equal(1f, hits[0].Score, 4);

        var restarted = NewIndex(minPoints: 1000, efSearch: 10); // same directory: reads hnsw.bin instead of rebuilding
        Assert.Equal(recallNarrow, await RecallAsync(restarted, "big"));
    }

    [Fact]
    public async Task SmallVersionsAndDisabledGraphsAreSearchedExactly()
    {
        await PublishAsync(NewIndex(minPoints: 5000), "small");
        await PublishAsync(NewIndex(minPoints: 1000, enabled: false), "off");

        Assert.False(File.Exists(GraphFile("small")));
        Assert.False(File.Exists(GraphFile("off")));
        Assert.Equal(1.0, await RecallAsync(NewIndex(minPoints: 5000, efSearch: 10), "small"));
        Assert.Equal(1.0, await RecallAsync(NewIndex(minPoints: 1000, efSearch: 10), "off"));
    }

    [Fact]
    public async Task AGraphTurnedOffOrDeletedFallsBackToTheExactScan()
    {
        await PublishAsync(NewIndex(minPoints: 1000), "fallback");

        Assert.Equal(1.0, await RecallAsync(NewIndex(minPoints: 1000, efSearch: 10, enabled: false), "fallback"));
        File.Delete(GraphFile("fallback"));
        Assert.Equal(1.0, await RecallAsync(NewIndex(minPoints: 1000, efSearch: 10), "fallback"));
    }

    [Fact]
    public void OutOfRangeSettingsAreRefusedNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => NewIndex(minPoints: 1000, efSearch: 0));
        Assert.Contains("Hnsw:EfSearch", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<InvalidOperationException>(() => new EmbeddedVectorIndex(new VectorStoreOptions
        {
            DataDirectory = _directory.Path,
            Hnsw = new HnswOptions { M = 1 },
        }));
        Assert.Contains("Hnsw:M", error.Message, StringComparison.Ordinal);
    }

    private async Task<double> RecallAsync(IVectorIndex index, string corpus)
    {
        var found = 0;
        foreach (var query in _queries)
        {
            var exact = TestVectors.BruteForce(_vectors, query, 10).Select(h => h.Id).ToHashSet();
            found += (await index.SearchAsync(new VectorSearchRequest(corpus, query, 10))).Hits.Count(h => exact.Contains(h.PassageId));
        }

        return found / (10.0 * _queries.Length);
    }

    private async Task PublishAsync(IVectorIndex index, string corpus)
    {
        await index.CreateVersionAsync(corpus, "v1", Dimensions);
        await index.UpsertAsync(corpus, "v1", TestVectors.Points(_vectors));
        await index.PublishVersionAsync(corpus, "v1");
    }

    private string GraphFile(string corpus) => Path.Combine(_directory.Path, "collections", corpus, "v1", HnswFile.FileName);

    private EmbeddedVectorIndex NewIndex(int minPoints, int efSearch = 64, bool enabled = true) => new(new VectorStoreOptions
    {
        DataDirectory = _directory.Path,
        UpsertBatchSize = 500,
        Hnsw = new HnswOptions { Enabled = enabled, MinPoints = minPoints, M = 12, EfConstruction = 64, EfSearch = efSearch },
    });
}
