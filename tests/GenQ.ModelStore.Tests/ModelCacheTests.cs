using System.Text;
using GenQ.ModelStore;
using GenQ.ModelStore.Cache;

namespace GenQ.ModelStore.Tests;

public sealed class ModelCacheTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task EvictionKeepsTheLastNVersionsAndNeverTheOneInUse()
    {
        var trainer = fixture.Store(fixture.NewFolder("trainer"));
        string[] versions = ["v0001", "v0002", "v0003", "v0004"];
        foreach (var version in versions)
        {
            await trainer.PutAsync("evict", version, fixture.VersionFolder(("model.onnx", Encoding.UTF8.GetBytes(version))), CancellationToken.None);
        }
        var apiCache = fixture.NewFolder("api");
        // v0001 is live (in use) while newer versions are fetched; the cache keeps two.
        var api = fixture.Store(apiCache, new ModelStoreOptions { Kind = ModelStoreKind.Redis, CachedVersionsPerCorpus = 2 }, new PinnedVersions("v0001"));
        foreach (var version in versions)
        {
            await api.ResolveAsync("evict", version, null, CancellationToken.None);
        }

        Assert.Equal(["v0001", "v0003", "v0004"],
            Directory.EnumerateDirectories(Path.Combine(apiCache, "evict")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList());
        // Using v0003 again makes v0004 the least recently used one beyond the two kept.
        await api.ResolveAsync("evict", "v0003", null, CancellationToken.None);
        await api.ResolveAsync("evict", "v0002", null, CancellationToken.None);
        Assert.Equal(["v0001", "v0002", "v0003"],
            Directory.EnumerateDirectories(Path.Combine(apiCache, "evict")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task AVersionThisServiceExportedAndPutIsNeverEvictedButAFetchedCopyItPutAgainIs()
    {
        var cacheRoot = fixture.NewFolder("trainer");
        var trainer = fixture.Store(cacheRoot, new ModelStoreOptions { Kind = ModelStoreKind.Redis, CachedVersionsPerCorpus = 1 });
        var exported = Directory.CreateDirectory(Path.Combine(cacheRoot, "own", "v0001")).FullName; // where the trainer exports
        await File.WriteAllTextAsync(Path.Combine(exported, "model.onnx"), "trained");
        await trainer.PutAsync("own", "v0001", exported, CancellationToken.None);
        foreach (var version in new[] { "base-a", "base-b" })
        {
            await fixture.Store(fixture.NewFolder("api")).PutAsync("own", version,
                fixture.VersionFolder(("model.onnx", Encoding.UTF8.GetBytes(version))), CancellationToken.None);
            var fetched = await trainer.ResolveAsync("own", version, null, CancellationToken.None);
            // The trainer adds to a fetched base model (its int8 query model) and puts it again: still a fetched copy.
            await File.WriteAllTextAsync(Path.Combine(fetched, "model.int8.onnx"), "int8");
            await trainer.PutAsync("own", version, fetched, CancellationToken.None);
        }

        Assert.Equal(["base-b", "v0001"],
            Directory.EnumerateDirectories(Path.Combine(cacheRoot, "own")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void AFolderWithoutItsMarkerIsNeverEvicted()
    {
        var root = fixture.NewFolder("cache");
        var writing = Directory.CreateDirectory(Path.Combine(root, "c", "v0009")).FullName; // a trainer still exporting
        File.WriteAllText(Path.Combine(writing, "model.onnx"), "half");

        Assert.Empty(new ModelCache(root).Evict("c", keep: 0, inUse: []));
        Assert.True(File.Exists(Path.Combine(writing, "model.onnx")));
    }

    [Fact]
    public async Task ARecordNamingAPathOutsideItsFolderIsRefused()
    {
        var record = new ModelVersionRecord("c", "v1", [new ModelFileRecord("../escape.txt", new string('0', 64), 1)], DateTimeOffset.UtcNow);
        var root = fixture.NewFolder("cache");
        var error = await Assert.ThrowsAsync<ModelStoreException>(() =>
            fixture.Store(root).FetchAsync(record, fixture.NewFolder("target"), CancellationToken.None));
        Assert.Contains("unsafe file path '../escape.txt'", error.Message, StringComparison.Ordinal);
    }
}
