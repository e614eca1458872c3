using GenQ.Contracts.Models;
using GenQ.ModelStore;
using GenQ.ModelStore.Cache;
using GenQ.ModelStore.Redis;
using GenQ.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace GenQ.ModelStore.Tests;

/// <summary>A real redis-server and temp folders; each test makes stores with caches of their own (one per "service").</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;
    public ConnectionMultiplexer Connection { get; private set; } = null!;
    public string Root { get; } = Directory.CreateTempSubdirectory("genq-model-store-tests-").FullName;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Connection = await Redis.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await Connection.DisposeAsync();
        await Redis.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }

    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(Root, $"{name}-{Guid.NewGuid():N}")).FullName;

    public RedisModelStore Store(string cacheRoot, ModelStoreOptions? options = null, IModelsInUse? inUse = null) =>
        new(Connection, new ModelCache(cacheRoot), options ?? new ModelStoreOptions { Kind = ModelStoreKind.Redis, ChunkSize = 1024 * 1024 },
            inUse ?? new NoModelsInUse(), TimeProvider.System, NullLogger<RedisModelStore>.Instance);

    /// <summary>A version folder: files named → contents.</summary>
    public string VersionFolder(params (string Path, byte[] Bytes)[] files)
    {
        var folder = NewFolder("version");
        foreach (var (path, bytes) in files)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }
        return folder;
    }

    public static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
