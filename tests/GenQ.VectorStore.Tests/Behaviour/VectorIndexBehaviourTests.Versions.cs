using GenQ.VectorStore.Model;
using GenQ.VectorStore.Tests.Infrastructure;

namespace GenQ.VectorStore.Tests.Behaviour;

/// <summary>
/// Versions the promotion gate keeps (sealed, not live), operator promotion and rollback, and which versions pruning
/// keeps: live, previous, the newest three (default <see cref="VectorStoreOptions.KeepVersions"/>) and the newest base-*.
/// Versions are created in name order, so "newest" is the highest name in each test.
/// </summary>
public abstract partial class VectorIndexBehaviourTests
{
    [BackendFact]
    public async Task ASealedButInactiveVersionIsListedReadyButNotServedUntilActivated()
    {
        var vectors = TestVectors.RandomUnit(10, 4, seed: 40);
        await PublishAsync("sealed", "v1", vectors, tag: "v1 ");

        var sealedResult = await PublishAndReturnAsync("sealed", "v2", vectors, "v2 ", activate: false);

        Assert.Equal(new AliasSwitchResult("sealed", "v1", null), sealedResult);
        Assert.Equal("v1", await Index.GetLiveVersionAsync("sealed"));
        Assert.Equal("v1", (await Index.SearchAsync(new VectorSearchRequest("sealed", vectors[0], 1))).ModelVersion);
        var v2 = (await Index.ListVersionsAsync("sealed")).Single(v => v.ModelVersion == "v2");
        Assert.Equal((IndexVersionState.Ready, false, false, 10L), (v2.State, v2.IsLive, v2.IsPrevious, v2.PointCount));
        Assert.NotNull(v2.CreatedUtc);
        var pinned = await Index.SearchAsync(new VectorSearchRequest("sealed", vectors[0], 1, ModelVersion: "v2"));
        Assert.Equal("v2 title 0", pinned.Hits[0].Title);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Index.UpsertAsync("sealed", "v2", TestVectors.Points(vectors)));

        var promoted = await Index.ActivateVersionAsync("sealed", "v2");

        Assert.Equal(new AliasSwitchResult("sealed", "v2", "v1"), promoted);
        Assert.Equal("v2 title 0", (await Index.SearchAsync(new VectorSearchRequest("sealed", vectors[0], 1))).Hits[0].Title);
    }

    [BackendFact]
    public async Task SealingWithoutActivationNeedsALiveVersionAndChangesNothingWhenRepeated()
    {
        var vectors = TestVectors.RandomUnit(5, 4, seed: 41);
        await Index.CreateVersionAsync("first-sealed", "v1", 4);
        await Index.UpsertAsync("first-sealed", "v1", TestVectors.Points(vectors));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Index.PublishVersionAsync("first-sealed", "v1", activate: false));
        Assert.Equal(IndexVersionState.Building, (await Index.ListVersionsAsync("first-sealed")).Single().State);

        await Index.PublishVersionAsync("first-sealed", "v1");
        await PublishAsync("first-sealed", "v2", vectors, activate: false);
        var again = await Index.PublishVersionAsync("first-sealed", "v2", activate: false);

        Assert.Equal(new AliasSwitchResult("first-sealed", "v1", null), again);
        Assert.Equal("v1", await Index.GetLiveVersionAsync("first-sealed"));
    }

    [BackendFact]
    public async Task PruningKeepsLivePreviousAndTheNewestThree()
    {
        var vectors = TestVectors.RandomUnit(5, 4, seed: 42);
        foreach (var version in new[] { "v1", "v2", "v3", "v4", "v5" })
        {
            await PublishAsync("prune", version, vectors);
        }
        await Index.CreateVersionAsync("prune", "v6", 4); // a build in progress is never pruned

        // live v5, previous v4, newest three v3 v4 v5: v1 and v2 go.
        Assert.Equal(["v1", "v2"], (await Index.PruneVersionsAsync("prune")).Order(StringComparer.Ordinal));
        Assert.Equal(["v3", "v4", "v5", "v6"], (await Index.ListVersionsAsync("prune")).Select(v => v.ModelVersion));
        Assert.Empty(await Index.PruneVersionsAsync("prune"));
    }

    [BackendFact]
    public async Task PruningAfterARollbackKeepsTheRolledBackToVersion()
    {
        var vectors = TestVectors.RandomUnit(5, 4, seed: 43);
        foreach (var version in new[] { "v1", "v2", "v3", "v4", "v5" })
        {
            await PublishAsync("prune-rb", version, vectors);
        }
        await Index.ActivateVersionAsync("prune-rb", "v1"); // live v1, previous v5

        // kept: live v1, previous v5, newest three v3 v4 v5; only v2 goes.
        Assert.Equal(["v2"], await Index.PruneVersionsAsync("prune-rb"));
        Assert.Equal("v1", await Index.GetLiveVersionAsync("prune-rb"));
    }

    [BackendFact]
    public async Task PruningKeepsSealedCandidatesUntilNewerOnesReplaceThemAndTheNewestBaseline()
    {
        var vectors = TestVectors.RandomUnit(5, 4, seed: 44);
        await PublishAsync("prune-kept", "base-r0", vectors); // an older run's baseline
        await PublishAsync("prune-kept", "base-r1", vectors);
        await PublishAsync("prune-kept", "v1", vectors); // live v1, previous base-r1
        foreach (var candidate in new[] { "v2", "v3", "v4" })
        {
            await PublishAsync("prune-kept", candidate, vectors, activate: false);
        }

        // newest three v2 v3 v4 (all kept candidates), live v1, previous and newest baseline base-r1: base-r0 goes.
        Assert.Equal(["base-r0"], await Index.PruneVersionsAsync("prune-kept"));

        await PublishAsync("prune-kept", "v5", vectors, activate: false);

        // newest three now v3 v4 v5: the oldest kept candidate v2 goes; live, previous and the baseline stay.
        Assert.Equal(["v2"], await Index.PruneVersionsAsync("prune-kept"));
        Assert.Equal(["base-r1", "v1", "v3", "v4", "v5"], (await Index.ListVersionsAsync("prune-kept")).Select(v => v.ModelVersion));
        Assert.Equal("v1", await Index.GetLiveVersionAsync("prune-kept"));
    }

    private async Task<AliasSwitchResult> PublishAndReturnAsync(string corpus, string version, float[][] vectors, string tag, bool activate)
    {
        await Index.CreateVersionAsync(corpus, version, vectors[0].Length);
        await Index.UpsertAsync(corpus, version, TestVectors.Points(vectors, tag));
        return await Index.PublishVersionAsync(corpus, version, activate);
    }

    [BackendFact]
    public async Task DeletingACorpusRemovesEveryVersionAndItsAliasButNoOtherCorpus()
    {
        var vectors = TestVectors.RandomUnit(5, 4, seed: 44);
        await PublishAsync("gone", "v1", vectors);
        await PublishAsync("gone", "v2", vectors);
        await PublishAsync("gone", "v3", vectors, activate: false);
        await Index.CreateVersionAsync("gone", "v4", 4); // a build in progress goes too
        await PublishAsync("gone-not", "v1", vectors); // a corpus whose name starts the same stays

        var removed = await Index.DeleteCorpusAsync("gone");

        Assert.Equal(["v1", "v2", "v3", "v4"], removed);
        Assert.Null(await Index.GetLiveVersionAsync("gone"));
        Assert.Empty(await Index.ListVersionsAsync("gone"));
        Assert.DoesNotContain("gone", await Index.ListCorporaAsync());
        await Assert.ThrowsAsync<VectorIndexNotFoundException>(() => Index.SearchAsync(new VectorSearchRequest("gone", vectors[0], 1)));
        Assert.Equal("v1", await Index.GetLiveVersionAsync("gone-not"));
        Assert.Equal(5, await Index.CountAsync("gone-not"));
        Assert.Empty(await Index.DeleteCorpusAsync("gone")); // nothing left

        await PublishAsync("gone", "v1", vectors); // the name can be used again from scratch
        Assert.Equal(["v1"], (await Index.ListVersionsAsync("gone")).Select(v => v.ModelVersion));
    }
}
