using GenQ.VectorStore.Model;
using GenQ.VectorStore.Tests.Infrastructure;

namespace GenQ.VectorStore.Tests.Behaviour;

/// <summary>Bad input and calls that do not fit a version's state: clear exceptions, nothing half applied.</summary>
public abstract partial class VectorIndexBehaviourTests
{
    [BackendFact]
    public async Task InvalidCorpusNamesAreRejectedWithTheRule()
    {
        foreach (var name in new[] { "", "Has Upper", "has space", "dot.ted", "-leading", new string('a', 65), "slash/x" })
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => Index.CreateVersionAsync(name, "v1", 4));
            Assert.Equal("corpus", error.ParamName);
            Assert.Contains($"Corpus name '{name}' is invalid", error.Message, StringComparison.Ordinal);
        }

        var search = await Assert.ThrowsAsync<ArgumentException>(() => Index.SearchAsync(new VectorSearchRequest("Bad!", new float[] { 1 }, 1)));
        Assert.Equal("Corpus", search.ParamName);
        await Assert.ThrowsAsync<ArgumentException>(() => Index.CreateVersionAsync("ok", "bad version", 4));
    }

    [BackendFact]
    public async Task PointsWithWrongDimensionsOrValuesAreRejectedAndNothingIsWritten()
    {
        await Index.CreateVersionAsync("badpoints", "v1", 4);
        var good = new VectorPoint("a", "t", "x", new float[] { 1, 0, 0, 0 });

        var wrongSize = await Assert.ThrowsAsync<ArgumentException>(() =>
            Index.UpsertAsync("badpoints", "v1", [good, new VectorPoint("b", "t", "x", new float[] { 1, 0, 0 })]));
        Assert.Contains("Point 1 (passage 'b') has 3 dimensions; the collection has 4", wrongSize.Message, StringComparison.Ordinal);
        var nan = await Assert.ThrowsAsync<ArgumentException>(() =>
            Index.UpsertAsync("badpoints", "v1", [new VectorPoint("c", "t", "x", new float[] { 1, float.NaN, 0, 0 })]));
        Assert.Contains("non-finite", nan.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Index.UpsertAsync("badpoints", "v1", [new VectorPoint("z", "t", "x", new float[4])]));
        await Assert.ThrowsAsync<ArgumentException>(() => Index.UpsertAsync("badpoints", "v1", [new VectorPoint("", "t", "x", new float[] { 1, 0, 0, 0 })]));

        Assert.Equal(0, await Index.CountAsync("badpoints", "v1")); // the good point of the rejected batch was not written
    }

    [BackendFact]
    public async Task BadSearchesAreRejected()
    {
        await PublishAsync("badsearch", "v1", TestVectors.RandomUnit(5, 4, seed: 20));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Index.SearchAsync(new VectorSearchRequest("badsearch", new float[] { 1, 0, 0, 0 }, 0)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Index.SearchAsync(new VectorSearchRequest("badsearch", new float[] { 1, 0, 0, 0 }, VectorSearchRequest.MaxTopK + 1)));
        await Assert.ThrowsAsync<ArgumentException>(() => Index.SearchAsync(new VectorSearchRequest("badsearch", new float[] { 1, 0, 0 }, 1)));
        await Assert.ThrowsAsync<ArgumentException>(() => Index.SearchAsync(new VectorSearchRequest("badsearch", new float[] { 0, 0, 0, 0 }, 1)));
        await Assert.ThrowsAsync<ArgumentException>(() => Index.SearchAsync(new VectorSearchRequest("badsearch", new float[] { float.PositiveInfinity, 0, 0, 0 }, 1)));

        var unknown = await Assert.ThrowsAsync<VectorIndexNotFoundException>(() => Index.SearchAsync(new VectorSearchRequest("nosuchcorpus", new float[] { 1, 0, 0, 0 }, 1)));
        Assert.Equal("nosuchcorpus", unknown.Corpus);
        await Assert.ThrowsAsync<VectorIndexNotFoundException>(() => Index.SearchAsync(new VectorSearchRequest("badsearch", new float[] { 1, 0, 0, 0 }, 1, "v9")));
    }

    [BackendFact]
    public async Task CallsThatDoNotFitTheVersionStateFailClearly()
    {
        await PublishAsync("state", "v1", TestVectors.RandomUnit(5, 4, seed: 21));
        var point = new VectorPoint("a", "t", "x", new float[] { 1, 0, 0, 0 });

        var immutable = await Assert.ThrowsAsync<InvalidOperationException>(() => Index.UpsertAsync("state", "v1", [point]));
        Assert.Contains("already published", immutable.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Index.CreateVersionAsync("state", "v1", 4));
        await Assert.ThrowsAsync<VectorIndexNotFoundException>(() => Index.UpsertAsync("state", "never-created", [point]));
        var live = await Assert.ThrowsAsync<InvalidOperationException>(() => Index.DeleteVersionAsync("state", "v1"));
        Assert.Contains("is live", live.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<VectorIndexNotFoundException>(() => Index.ActivateVersionAsync("state", "v7"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Index.CreateVersionAsync("state", "v2", 0));

        await Index.CreateVersionAsync("state", "empty", 4);
        var empty = await Assert.ThrowsAsync<InvalidOperationException>(() => Index.PublishVersionAsync("state", "empty"));
        Assert.Contains("no points", empty.Message, StringComparison.Ordinal);
        Assert.Equal("v1", (await Index.SearchAsync(new VectorSearchRequest("state", new float[] { 1, 0, 0, 0 }, 1))).ModelVersion);
    }

    [BackendFact]
    public async Task AnAbandonedBuildCanBeDeletedOrRestarted()
    {
        await Index.CreateVersionAsync("abandon", "v1", 4);
        await Index.UpsertAsync("abandon", "v1", TestVectors.Points(TestVectors.RandomUnit(6, 4, seed: 22)));

        await Index.CreateVersionAsync("abandon", "v1", 4); // restart: the partial build is discarded
        Assert.Equal(0, await Index.CountAsync("abandon", "v1"));

        await Index.DeleteVersionAsync("abandon", "v1");
        Assert.Empty(await Index.ListVersionsAsync("abandon"));
    }
}
