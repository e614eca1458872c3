using System.Security.Cryptography;
using System.Text;
using GenQ.ModelStore;
using GenQ.ModelStore.Redis;
using StackExchange.Redis;

namespace GenQ.ModelStore.Tests;

public sealed class RedisModelStoreTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly byte[] Model = StoreFixture.RandomBytes((int)(2.5 * 1024 * 1024), seed: 1); // three 1 MiB chunks
    private static readonly byte[] Vocab = Encoding.UTF8.GetBytes("[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\n");

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private IDatabase Db => fixture.Connection.GetDatabase();

    [Fact]
    public async Task AVersionFolderRoundTripsThroughRedisByteForByteIntoAnotherServicesFolder()
    {
        var manifest = Encoding.UTF8.GetBytes("{\"formatVersion\":1}");
        var source = fixture.VersionFolder(("model.onnx", Model), ("vocab.txt", Vocab), ("manifest.json", manifest), ("tokenizer/empty.txt", []));
        var trainer = fixture.Store(fixture.NewFolder("trainer"));
        var record = await trainer.PutAsync("round", "v0001", source, CancellationToken.None);

        var apiCache = fixture.NewFolder("api");
        var api = fixture.Store(apiCache);
        var folder = await api.ResolveAsync("round", "v0001", record!.Digest, CancellationToken.None);

        Assert.Equal(Path.Combine(apiCache, "round", "v0001"), folder);
        Assert.Equal(
            [("manifest.json", Sha(manifest), manifest.LongLength), ("model.onnx", Sha(Model), Model.LongLength),
             ("tokenizer/empty.txt", Sha([]), 0L), ("vocab.txt", Sha(Vocab), Vocab.LongLength)],
            record.Files.Select(f => (f.Path, f.Sha256, f.Size)).OrderBy(f => f.Path, StringComparer.Ordinal).ToList());
        Assert.Equal(Model, await File.ReadAllBytesAsync(Path.Combine(folder, "model.onnx")));
        Assert.Equal(Vocab, await File.ReadAllBytesAsync(Path.Combine(folder, "vocab.txt")));
        Assert.Equal(manifest, await File.ReadAllBytesAsync(Path.Combine(folder, "manifest.json")));
        Assert.Empty(await File.ReadAllBytesAsync(Path.Combine(folder, "tokenizer", "empty.txt")));
        // 2.5 MiB in 1 MiB chunks: three values, the last half full.
        Assert.Equal("2621440:3", (string?)await Db.StringGetAsync(RedisModelKeys.BlobMeta(Sha(Model))));
        Assert.Equal(512 * 1024, (await Db.StringGetAsync(RedisModelKeys.Chunk(Sha(Model), 2))).Length());
        Assert.Equal(manifest, await api.ReadFileAsync("round", "v0001", "manifest.json", CancellationToken.None));
    }

    [Fact]
    public async Task AFlippedByteInAChunkFailsTheFetchByNameAndInstallsNothing()
    {
        var model = StoreFixture.RandomBytes(3 * 1024 * 1024 + 10, seed: 2);
        var source = fixture.VersionFolder(("model.onnx", model), ("vocab.txt", Vocab));
        await fixture.Store(fixture.NewFolder("trainer")).PutAsync("corrupt", "v0001", source, CancellationToken.None);
        var key = RedisModelKeys.Chunk(Sha(model), 1);
        var chunk = (byte[])(await Db.StringGetAsync(key))!;
        chunk[12345] ^= 0x01;
        await Db.StringSetAsync(key, chunk);

        var apiCache = fixture.NewFolder("api");
        var error = await Assert.ThrowsAsync<ModelStoreException>(() =>
            fixture.Store(apiCache).ResolveAsync("corrupt", "v0001", null, CancellationToken.None));

        Assert.Contains("model.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
        Assert.Contains(Sha(model), error.Message, StringComparison.Ordinal);
        // No installed folder, and no temporary one left behind.
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(apiCache, "corrupt")));
    }

    [Fact]
    public async Task RetentionDeletesTheOldestVersionsBlobsButKeepsTheBlobsARetainedVersionShares()
    {
        var shared = StoreFixture.RandomBytes(4000, seed: 3);
        var (a, b, c) = (StoreFixture.RandomBytes(5000, 4), StoreFixture.RandomBytes(5000, 5), StoreFixture.RandomBytes(5000, 6));
        var store = fixture.Store(fixture.NewFolder("trainer"),
            new ModelStoreOptions { Kind = ModelStoreKind.Redis, ChunkSize = 1024, VersionsKeptPerCorpus = 2 });
        foreach (var (version, own) in new[] { ("v0001", a), ("v0002", b), ("v0003", c) })
        {
            await store.PutAsync("retain", version, fixture.VersionFolder(("model.onnx", own), ("vocab.txt", shared)), CancellationToken.None);
        }

        Assert.Null(await store.GetRecordAsync("retain", "v0001", CancellationToken.None));
        Assert.False(await Db.KeyExistsAsync(RedisModelKeys.BlobMeta(Sha(a))));
        Assert.All(Enumerable.Range(0, 5), i => Assert.False(Db.KeyExists(RedisModelKeys.Chunk(Sha(a), i)))); // 5000 B / 1 KiB = 5 chunks
        Assert.True(await Db.KeyExistsAsync(RedisModelKeys.BlobMeta(Sha(shared))));
        Assert.All(Enumerable.Range(0, 4), i => Assert.True(Db.KeyExists(RedisModelKeys.Chunk(Sha(shared), i))));
        Assert.NotNull(await store.GetRecordAsync("retain", "v0002", CancellationToken.None));
        var fetched = await fixture.Store(fixture.NewFolder("api")).ResolveAsync("retain", "v0002", null, CancellationToken.None);
        Assert.Equal(shared, await File.ReadAllBytesAsync(Path.Combine(fetched, "vocab.txt")));
        await Assert.ThrowsAsync<ModelStoreException>(() =>
            fixture.Store(fixture.NewFolder("api")).ResolveAsync("retain", "v0001", null, CancellationToken.None));
    }

    [Fact]
    public async Task RetentionNeverDeletesAVersionInUse()
    {
        var store = fixture.Store(fixture.NewFolder("trainer"),
            new ModelStoreOptions { Kind = ModelStoreKind.Redis, ChunkSize = 1024, VersionsKeptPerCorpus = 1 }, new PinnedVersions("v0001"));
        foreach (var version in new[] { "v0001", "v0002", "v0003" })
        {
            await store.PutAsync("pinned", version, fixture.VersionFolder(("model.onnx", Encoding.UTF8.GetBytes(version))), CancellationToken.None);
        }

        Assert.NotNull(await store.GetRecordAsync("pinned", "v0001", CancellationToken.None));
        Assert.Null(await store.GetRecordAsync("pinned", "v0002", CancellationToken.None));
        Assert.NotNull(await store.GetRecordAsync("pinned", "v0003", CancellationToken.None));
    }

    [Fact]
    public async Task PuttingAVersionAgainReplacesItsFilesAndRefetchesTheStaleCopy()
    {
        var store = fixture.Store(fixture.NewFolder("trainer"));
        var first = Encoding.UTF8.GetBytes("{\"hybrid\":null}");
        var second = Encoding.UTF8.GetBytes("{\"hybrid\":\"rrf\"}");
        await store.PutAsync("again", "v0001", fixture.VersionFolder(("model.onnx", Vocab), ("manifest.json", first)), CancellationToken.None);
        var api = fixture.Store(fixture.NewFolder("api"));
        var folder = await api.ResolveAsync("again", "v0001", null, CancellationToken.None);
        Assert.Equal(first, await File.ReadAllBytesAsync(Path.Combine(folder, "manifest.json")));

        await store.PutAsync("again", "v0001", fixture.VersionFolder(("model.onnx", Vocab), ("manifest.json", second)), CancellationToken.None);
        folder = await api.ResolveAsync("again", "v0001", null, CancellationToken.None);

        Assert.Equal(second, await File.ReadAllBytesAsync(Path.Combine(folder, "manifest.json")));
        Assert.False(await Db.KeyExistsAsync(RedisModelKeys.BlobMeta(Sha(first)))); // no version references it any more
    }

    [Fact]
    public async Task DeletingACorpusRemovesItsVersionsAndTheBlobsNoOtherCorpusShares()
    {
        var own = StoreFixture.RandomBytes(3000, seed: 7);
        var shared = StoreFixture.RandomBytes(3000, seed: 8);
        var store = fixture.Store(fixture.NewFolder("trainer"));
        await store.PutAsync("gone", "v0001", fixture.VersionFolder(("model.onnx", own), ("vocab.txt", shared)), CancellationToken.None);
        await store.PutAsync("stays", "v0001", fixture.VersionFolder(("vocab.txt", shared)), CancellationToken.None);

        await store.DeleteCorpusAsync("gone", CancellationToken.None);

        Assert.Null(await store.GetRecordAsync("gone", "v0001", CancellationToken.None));
        Assert.False(await Db.KeyExistsAsync(RedisModelKeys.BlobMeta(Sha(own))));
        Assert.False(await Db.KeyExistsAsync(RedisModelKeys.Versions("gone")));
        Assert.Equal(shared, await store.ReadFileAsync("stays", "v0001", "vocab.txt", CancellationToken.None));
    }
}
