using GenQ.VectorStore.Model;
using GenQ.VectorStore.Tests.Infrastructure;

namespace GenQ.VectorStore.Tests.Behaviour;

/// <summary>
/// The behaviour every <see cref="IVectorIndex"/> backend must show, run once per backend by the derived classes
/// (embedded, Qdrant stand-in, real Qdrant when configured). Input-validation cases are in the .Validation part.
/// </summary>
public abstract partial class VectorIndexBehaviourTests : IAsyncLifetime
{
    private IVectorIndex? _index;

    protected IVectorIndex Index => _index ?? throw new InvalidOperationException("Index not created yet.");

    /// <summary>Creates the backend under test with <paramref name="options"/> (upsert batch size is small to exercise batching).</summary>
    protected abstract Task<IVectorIndex> CreateIndexAsync(VectorStoreOptions options);

    /// <summary>Cleans up whatever the backend created.</summary>
    protected abstract Task CleanUpAsync();

    public async Task InitializeAsync() => _index = await CreateIndexAsync(new VectorStoreOptions { UpsertBatchSize = 100 });

    public async Task DisposeAsync()
    {
        (_index as IDisposable)?.Dispose();
        await CleanUpAsync();
    }

    [BackendFact]
    public async Task ExactSearchReturnsTheSameTopKAsBruteForce()
    {
        var vectors = TestVectors.RandomUnit(1500, 48, seed: 1);
        await PublishAsync("exact", "v1", vectors);

        foreach (var query in TestVectors.RandomUnit(8, 48, seed: 2))
        {
            var expected = TestVectors.BruteForce(vectors, query, 10);
            var result = await Index.SearchAsync(new VectorSearchRequest("exact", query, 10));

            Assert.Equal(expected.Select(e => e.Id), result.Hits.Select(h => h.PassageId));
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i].Score, result.Hits[i].Score, 4);
            }
        }
    }

    [BackendFact]
    public async Task HitsCarryPayloadAndTheVersionThatAnswered()
    {
        var vectors = TestVectors.RandomUnit(20, 8, seed: 3);
        await PublishAsync("payload", "m-1.0", vectors, tag: "A ");

        var result = await Index.SearchAsync(new VectorSearchRequest("payload", vectors[7], 3));

        Assert.Equal("m-1.0", result.ModelVersion);
        Assert.Equal("payload", result.Corpus);
        Assert.Contains("m-1.0", result.Collection, StringComparison.Ordinal);
        var top = result.Hits[0];
        Assert.Equal("p7", top.PassageId);
        Assert.Equal("A title 7", top.Title);
        Assert.Equal("text of passage 7", top.Text);
        Assert.Equal(1f, top.Score, 4);
        Assert.Equal(3, result.Hits.Count);
    }

    [BackendFact]
    public async Task AVersionBeingBuiltIsInvisibleUntilPublished()
    {
        var v1 = TestVectors.RandomUnit(30, 8, seed: 4);
        await PublishAsync("rollout", "v1", v1, tag: "v1 ");
        await Index.CreateVersionAsync("rollout", "v2", 8);
        await Index.UpsertAsync("rollout", "v2", TestVectors.Points(TestVectors.RandomUnit(30, 8, seed: 5), "v2 "));

        var during = await Index.SearchAsync(new VectorSearchRequest("rollout", v1[0], 5));
        Assert.Equal("v1", during.ModelVersion);
        Assert.All(during.Hits, h => Assert.StartsWith("v1 ", h.Title, StringComparison.Ordinal));
        var versions = await Index.ListVersionsAsync("rollout");
        Assert.Equal(IndexVersionState.Building, versions.Single(v => v.ModelVersion == "v2").State);
        Assert.True(versions.Single(v => v.ModelVersion == "v1").IsLive);

        var switched = await Index.PublishVersionAsync("rollout", "v2");

        Assert.Equal(new AliasSwitchResult("rollout", "v2", "v1"), switched);
        var after = await Index.SearchAsync(new VectorSearchRequest("rollout", v1[0], 5));
        Assert.Equal("v2", after.ModelVersion);
        Assert.All(after.Hits, h => Assert.StartsWith("v2 ", h.Title, StringComparison.Ordinal));
    }

    [BackendFact]
    public async Task ActivatingThePreviousVersionRollsBack()
    {
        var vectors = TestVectors.RandomUnit(10, 4, seed: 7);
        await PublishAsync("rollback", "v1", vectors, tag: "v1 ");
        await PublishAsync("rollback", "v2", vectors, tag: "v2 ");

        var switched = await Index.ActivateVersionAsync("rollback", "v1");

        Assert.Equal(new AliasSwitchResult("rollback", "v1", "v2"), switched);
        var result = await Index.SearchAsync(new VectorSearchRequest("rollback", vectors[0], 1));
        Assert.Equal("v1", result.ModelVersion);
        Assert.Equal("v1", await Index.GetLiveVersionAsync("rollback"));
        Assert.Null(await Index.GetLiveVersionAsync("rollback-unknown"));
        Assert.Equal("v1 title 0", result.Hits[0].Title);
    }

    [BackendFact]
    public async Task UpsertingThePassageAgainReplacesIt()
    {
        var vectors = TestVectors.RandomUnit(10, 4, seed: 8);
        await Index.CreateVersionAsync("replace", "v1", 4);
        await Index.UpsertAsync("replace", "v1", TestVectors.Points(vectors, "old "));
        await Index.UpsertAsync("replace", "v1", [new VectorPoint("p3", "new title", "new text", vectors[5])]);
        await Index.PublishVersionAsync("replace", "v1");

        Assert.Equal(10, await Index.CountAsync("replace"));
        var result = await Index.SearchAsync(new VectorSearchRequest("replace", vectors[5], 2));
        Assert.Equal(["p3", "p5"], result.Hits.Select(h => h.PassageId).Order());
        Assert.Equal("new title", result.Hits.Single(h => h.PassageId == "p3").Title);
    }

    [BackendFact]
    public async Task APinnedSearchAnswersFromThatVersion()
    {
        var vectors = TestVectors.RandomUnit(10, 4, seed: 9);
        await PublishAsync("pinned", "v1", vectors, tag: "v1 ");
        await PublishAsync("pinned", "v2", vectors, tag: "v2 ");

        var result = await Index.SearchAsync(new VectorSearchRequest("pinned", vectors[0], 1, ModelVersion: "v1"));

        Assert.Equal("v1", result.ModelVersion);
        Assert.Equal("v1 title 0", result.Hits[0].Title);
    }

    [BackendFact]
    public async Task CorporaAndCountsReflectPublishedVersions()
    {
        await PublishAsync("count-b", "v1", TestVectors.RandomUnit(12, 4, seed: 10));
        await PublishAsync("count-a", "v1", TestVectors.RandomUnit(7, 4, seed: 11));
        await Index.CreateVersionAsync("count-c", "v1", 4); // not live: not a searchable corpus yet

        var corpora = await Index.ListCorporaAsync();

        Assert.Equal(["count-a", "count-b"], corpora.Where(c => c.StartsWith("count-", StringComparison.Ordinal)));
        Assert.Equal(12, await Index.CountAsync("count-b"));
        Assert.Equal(7, await Index.CountAsync("count-a", "v1"));
    }

    [BackendFact]
    public async Task AliasSwitchIsAtomicUnderConcurrentSearches()
    {
        var v1 = TestVectors.RandomUnit(400, 16, seed: 12);
        var v2 = TestVectors.RandomUnit(400, 16, seed: 13);
        await PublishAsync("atomic", "v1", v1, tag: "v1 ");
        await Index.CreateVersionAsync("atomic", "v2", 16);
        await Index.UpsertAsync("atomic", "v2", TestVectors.Points(v2, "v2 "));
        var queries = TestVectors.RandomUnit(16, 16, seed: 14);

        using var stop = new CancellationTokenSource();
        var answers = new System.Collections.Concurrent.ConcurrentQueue<(long Tick, VectorSearchResult Result)>();
        var searchers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested || i < 5; i++)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var result = await Index.SearchAsync(new VectorSearchRequest("atomic", queries[(worker + i) % queries.Length], 5));
                answers.Enqueue((started, result));
            }
        })).ToArray();

        await Task.Delay(150);
        await Index.PublishVersionAsync("atomic", "v2");
        var switchedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        await Task.Delay(150);
        await stop.CancelAsync();
        await Task.WhenAll(searchers); // rethrows any search error

        Assert.Contains(answers, a => a.Result.ModelVersion == "v1");
        Assert.Contains(answers, a => a.Result.ModelVersion == "v2");
        foreach (var (tick, result) in answers)
        {
            Assert.Contains(result.ModelVersion, new[] { "v1", "v2" });
            Assert.Equal(5, result.Hits.Count);
            Assert.All(result.Hits, h => Assert.StartsWith(result.ModelVersion + " ", h.Title, StringComparison.Ordinal)); // never mixed
            if (tick > switchedAt)
            {
                Assert.Equal("v2", result.ModelVersion); // started after the switch returned: must see the new version
            }
        }
    }

    /// <summary>Creates, fills and publishes one version.</summary>
    protected async Task PublishAsync(string corpus, string version, float[][] vectors, string tag = "", bool activate = true)
    {
        await Index.CreateVersionAsync(corpus, version, vectors[0].Length);
        await Index.UpsertAsync(corpus, version, TestVectors.Points(vectors, tag));
        await Index.PublishVersionAsync(corpus, version, activate);
    }
}
