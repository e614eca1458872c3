using GenQ.VectorStore.Model;
using GenQ.VectorStore.Tests.Infrastructure;

namespace GenQ.VectorStore.Tests.Behaviour;

/// <summary>Appending to a published version (uploads with mode=append) on every backend.</summary>
public abstract partial class VectorIndexBehaviourTests
{
    [BackendFact]
    public async Task AppendedPointsAreFoundDenseAndByBm25WhileTheOldPointsKeepTheirVectors()
    {
        var vectors = TestVectors.RandomUnit(20, 8, seed: 40);
        await PublishAsync("grow", "v1", vectors);
        var added = TestVectors.RandomUnit(2, 8, seed: 41);

        await Index.AppendAsync("grow", "v1",
        [
            new VectorPoint("n0", "Airships", "a zeppelin over the lake", added[0]),
            new VectorPoint("n1", "Harbours", "cranes unload the ships", added[1]),
        ]);

        // The new point is its own nearest neighbour (cosine 1); an old point still is too, so its vector is unchanged.
        var dense = await Index.SearchAsync(new VectorSearchRequest("grow", added[1], 1));
        Assert.Equal(("v1", "n1"), (dense.ModelVersion, dense.Hits[0].PassageId));
        Assert.Equal(1f, dense.Hits[0].Score, 4);
        var old = await Index.SearchAsync(new VectorSearchRequest("grow", vectors[3], 1));
        Assert.Equal("p3", old.Hits[0].PassageId);
        Assert.Equal(1f, old.Hits[0].Score, 4);
        // "zeppelin" is in no old passage ("text of passage i") and in one new one.
        var lexical = await Index.LexicalSearchAsync(new LexicalSearchRequest("grow", "zeppelin", 5));
        Assert.Equal(["n0"], lexical.Hits.Select(h => h.PassageId));
        Assert.Equal(22, await Index.CountAsync("grow"));
        var version = (await Index.ListVersionsAsync("grow")).Single();
        Assert.Equal((IndexVersionState.Ready, true), (version.State, version.IsLive));
    }

    [BackendFact]
    public async Task AppendingTheSamePointsAgainReplacesThemAndAnotherCorpusIsUntouched()
    {
        await PublishAsync("again", "v1", TestVectors.RandomUnit(5, 8, seed: 42));
        await PublishAsync("aside", "v1", TestVectors.RandomUnit(5, 8, seed: 43));
        var added = TestVectors.Points(TestVectors.RandomUnit(2, 8, seed: 44), "new ").Select((p, i) => p with { PassageId = $"n{i}" }).ToArray();

        await Index.AppendAsync("again", "v1", added);
        await Index.AppendAsync("again", "v1", added); // a redelivered append

        Assert.Equal(7, await Index.CountAsync("again"));
        Assert.Equal(5, await Index.CountAsync("aside"));
        Assert.Equal(2, (await Index.LexicalSearchAsync(new LexicalSearchRequest("again", "new", 10))).Hits.Count);
    }

    [BackendFact]
    public async Task AppendingToABuildOrAnUnknownVersionFailsAndWritesNothing()
    {
        var vectors = TestVectors.RandomUnit(4, 8, seed: 45);
        await PublishAsync("appendable", "v1", vectors);
        await Index.CreateVersionAsync("appendable", "v2", 8);
        var point = new VectorPoint("n0", "", "late passage", vectors[0]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Index.AppendAsync("appendable", "v2", [point]));
        await Assert.ThrowsAsync<VectorIndexNotFoundException>(() => Index.AppendAsync("appendable", "v9", [point]));
        await Assert.ThrowsAsync<ArgumentException>(() => Index.AppendAsync("appendable", "v1", [point with { Vector = new float[3] }]));

        Assert.Equal(4, await Index.CountAsync("appendable", "v1"));
    }
}
