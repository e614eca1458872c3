using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using GenQ.Contracts.Models;
using GenQ.ModelStore.Cache;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace GenQ.ModelStore.Redis;

/// <summary>
/// The model store in Redis: each file is a blob named by its sha256, split into <see cref="ModelStoreOptions.ChunkSize"/>
/// values; a version is a record listing (path, sha256, size). Putting a version references its blobs before it checks
/// whether they exist, and deleting a blob happens in one script only when no record references it, so a put and a
/// retention sweep running at once cannot leave a record naming a deleted blob. Fetches go into this service's
/// <see cref="ModelCache"/> and are verified file by file.
/// </summary>
public sealed partial class RedisModelStore(
    IConnectionMultiplexer redis, ModelCache cache, ModelStoreOptions options, IModelsInUse inUse, TimeProvider clock,
    ILogger<RedisModelStore> logger) : IModelStore
{
    // Drops one reference to a blob; when none is left, deletes its chunks and meta in the same atomic step.
    private const string ReleaseScript = """
        redis.call('SREM', KEYS[1], ARGV[1])
        if redis.call('SCARD', KEYS[1]) > 0 then return 0 end
        local meta = redis.call('GET', KEYS[2])
        if meta then
          local chunks = tonumber(string.match(meta, ':(%d+)$'))
          for i = 0, chunks - 1 do redis.call('DEL', ARGV[2] .. i) end
        end
        redis.call('DEL', KEYS[2])
        return 1
        """;

    private IDatabase Db => redis.GetDatabase();

    public ModelStoreKind Kind => ModelStoreKind.Redis;

    public async Task<ModelVersionRecord?> PutAsync(string corpus, string version, string folder, CancellationToken cancellationToken)
    {
        var files = await ModelFiles.ListAsync(folder, cancellationToken).ConfigureAwait(false);
        var record = new ModelVersionRecord(corpus, version, files, clock.GetUtcNow());
        var reference = RedisModelKeys.Reference(corpus, version);
        var previous = await GetRecordAsync(corpus, version, cancellationToken).ConfigureAwait(false);
        foreach (var file in files)
        {
            // Referenced first: from here on no retention sweep can delete this blob under us.
            await Db.SetAddAsync(RedisModelKeys.BlobRefs(file.Sha256), reference).ConfigureAwait(false);
            if (!await Db.KeyExistsAsync(RedisModelKeys.BlobMeta(file.Sha256)).ConfigureAwait(false))
            {
                await UploadAsync(ModelFiles.SafePath(folder, file.Path), file, cancellationToken).ConfigureAwait(false);
            }
        }
        await Db.StringSetAsync(RedisModelKeys.Record(corpus, version),
            JsonSerializer.Serialize(record, ModelStoreJsonContext.Default.ModelVersionRecord)).ConfigureAwait(false);
        await Db.SortedSetAddAsync(RedisModelKeys.Versions(corpus), version, record.CreatedAt.ToUnixTimeMilliseconds(), SortedSetWhen.NotExists)
            .ConfigureAwait(false);
        if (previous is not null)
        {
            // Files the earlier put of this version had and this one has not (e.g. a manifest since rewritten).
            var kept = files.Select(f => f.Sha256).ToHashSet(StringComparer.Ordinal);
            foreach (var sha in previous.Files.Select(f => f.Sha256).Distinct(StringComparer.Ordinal).Where(s => !kept.Contains(s)))
            {
                await ReleaseAsync(sha, reference).ConfigureAwait(false);
            }
        }
        cache.MarkInstalled(record, folder);
        LogPut(corpus, version, files.Count, record.TotalBytes, record.Digest);
        await ApplyRetentionAsync(corpus, version, cancellationToken).ConfigureAwait(false);
        return record;
    }

    public async Task<ModelVersionRecord?> GetRecordAsync(string corpus, string version, CancellationToken cancellationToken)
    {
        var json = await Db.StringGetAsync(RedisModelKeys.Record(corpus, version)).ConfigureAwait(false);
        if (json.IsNull)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(json.ToString(), ModelStoreJsonContext.Default.ModelVersionRecord)
                ?? throw new ModelStoreException($"The record of model {corpus}/{version} is empty.");
        }
        catch (JsonException ex)
        {
            throw new ModelStoreException($"The record of model {corpus}/{version} is not valid JSON: {ex.Message}", ex);
        }
    }

    public async Task FetchAsync(ModelVersionRecord record, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        foreach (var file in record.Files)
        {
            var path = ModelFiles.SafePath(folder, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await DownloadAsync(record, file, path, cancellationToken).ConfigureAwait(false);
        }
        LogFetched(record.Corpus, record.Version, record.Files.Count, record.TotalBytes, folder);
    }

    public async Task<string> ResolveAsync(string corpus, string version, string? expectedDigest, CancellationToken cancellationToken)
    {
        var record = await GetRecordAsync(corpus, version, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelStoreException($"Model {corpus}/{version} is not in the model store (ModelStore:Kind=Redis): it was never put, or retention removed it.");
        if (expectedDigest is not null && record.Digest != expectedDigest)
        {
            LogNewerPut(corpus, version, expectedDigest, record.Digest);
        }
        var folder = await cache.InstallAsync(record, (temp, ct) => FetchAsync(record, temp, ct), cancellationToken).ConfigureAwait(false);
        var pinned = (await inUse.GetAsync(corpus, cancellationToken).ConfigureAwait(false)).Append(version).ToHashSet(StringComparer.Ordinal);
        foreach (var evicted in cache.Evict(corpus, options.CachedVersionsPerCorpus, pinned))
        {
            LogEvicted(corpus, evicted);
        }
        return folder;
    }

    public async Task<byte[]?> ReadFileAsync(string corpus, string version, string relativePath, CancellationToken cancellationToken)
    {
        var record = await GetRecordAsync(corpus, version, cancellationToken).ConfigureAwait(false);
        if (record?.Files.FirstOrDefault(f => f.Path == relativePath) is not { } file)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        await ReadBlobAsync(record, file, buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>Deletes every version of <paramref name="corpus"/> and the blobs only they referenced.</summary>
    public async Task DeleteCorpusAsync(string corpus, CancellationToken cancellationToken)
    {
        foreach (var version in await Db.SortedSetRangeByRankAsync(RedisModelKeys.Versions(corpus)).ConfigureAwait(false))
        {
            await DeleteVersionAsync(corpus, version.ToString(), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ApplyRetentionAsync(string corpus, string justPut, CancellationToken cancellationToken)
    {
        var versions = (await Db.SortedSetRangeByRankAsync(RedisModelKeys.Versions(corpus), order: Order.Descending).ConfigureAwait(false))
            .Select(v => v.ToString()).ToList();
        if (versions.Count <= options.VersionsKeptPerCorpus)
        {
            return;
        }
        var pinned = (await inUse.GetAsync(corpus, cancellationToken).ConfigureAwait(false)).Append(justPut).ToHashSet(StringComparer.Ordinal);
        foreach (var version in versions.Skip(options.VersionsKeptPerCorpus).Where(v => !pinned.Contains(v)))
        {
            await DeleteVersionAsync(corpus, version, cancellationToken).ConfigureAwait(false);
            LogRetired(corpus, version);
        }
    }

    private async Task DeleteVersionAsync(string corpus, string version, CancellationToken cancellationToken)
    {
        var record = await GetRecordAsync(corpus, version, cancellationToken).ConfigureAwait(false);
        // The record goes first: a service resolving the version from now on is told it is gone, never half of it.
        await Db.KeyDeleteAsync(RedisModelKeys.Record(corpus, version)).ConfigureAwait(false);
        await Db.SortedSetRemoveAsync(RedisModelKeys.Versions(corpus), version).ConfigureAwait(false);
        foreach (var sha in record?.Files.Select(f => f.Sha256).Distinct(StringComparer.Ordinal) ?? [])
        {
            await ReleaseAsync(sha, RedisModelKeys.Reference(corpus, version)).ConfigureAwait(false);
        }
    }

    private Task ReleaseAsync(string sha, string reference) =>
        Db.ScriptEvaluateAsync(ReleaseScript, [RedisModelKeys.BlobRefs(sha), RedisModelKeys.BlobMeta(sha)],
            [reference, $"genq:models:blob:{sha}:"]);

    private async Task UploadAsync(string path, ModelFileRecord file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var buffer = new byte[options.ChunkSize];
        var chunks = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        while (true)
        {
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read == 0 && chunks > 0)
            {
                break;
            }
            hash.AppendData(buffer, 0, read);
            size += read;
            await Db.StringSetAsync(RedisModelKeys.Chunk(file.Sha256, chunks++), buffer.AsMemory(0, read)).ConfigureAwait(false);
            if (read < buffer.Length)
            {
                break;
            }
        }
        // The file changed between hashing and upload: storing it under the old hash would poison every reader.
        if (size != file.Size || Convert.ToHexStringLower(hash.GetHashAndReset()) != file.Sha256)
        {
            throw new ModelStoreException($"File '{file.Path}' changed while it was put into the model store; nothing was recorded for it.");
        }
        await Db.StringSetAsync(RedisModelKeys.BlobMeta(file.Sha256), string.Create(CultureInfo.InvariantCulture, $"{file.Size}:{chunks}"))
            .ConfigureAwait(false);
    }

    private async Task DownloadAsync(ModelVersionRecord record, ModelFileRecord file, string path, CancellationToken cancellationToken)
    {
        await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        await ReadBlobAsync(record, file, output, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReadBlobAsync(ModelVersionRecord record, ModelFileRecord file, Stream output, CancellationToken cancellationToken)
    {
        var name = $"model {record.Corpus}/{record.Version}, file '{file.Path}'";
        var meta = await Db.StringGetAsync(RedisModelKeys.BlobMeta(file.Sha256)).ConfigureAwait(false);
        if (meta.IsNull || meta.ToString().Split(':') is not [var sizeText, var chunkText]
            || !int.TryParse(chunkText, CultureInfo.InvariantCulture, out var chunks))
        {
            throw new ModelStoreException($"{name}: blob sha256 {file.Sha256} is missing from the model store.");
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        for (var i = 0; i < chunks; i++)
        {
            var value = await Db.StringGetAsync(RedisModelKeys.Chunk(file.Sha256, i)).ConfigureAwait(false);
            if (value.IsNull)
            {
                throw new ModelStoreException($"{name}: chunk {i} of {chunks} of blob sha256 {file.Sha256} is missing from the model store.");
            }
            var bytes = (byte[])value!;
            hash.AppendData(bytes);
            size += bytes.Length;
            await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (size != file.Size || actual != file.Sha256)
        {
            throw new ModelStoreException(
                $"{name} is corrupt in the model store: expected {file.Size} bytes with sha256 {file.Sha256}, read {size} bytes with sha256 {actual} (blob meta {sizeText}); the version was not installed.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Corpus}/{Version} put into the model store: {Files} files, {Bytes} bytes, digest {Digest}")]
    private partial void LogPut(string corpus, string version, int files, long bytes, string digest);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Corpus}/{Version} fetched from the model store: {Files} files, {Bytes} bytes, verified, into {Folder}")]
    private partial void LogFetched(string corpus, string version, int files, long bytes, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Corpus}/{Version} was announced as digest {Announced}; serving its later put {Digest}")]
    private partial void LogNewerPut(string corpus, string version, string announced, string digest);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Corpus}/{Version} evicted from this service's model cache")]
    private partial void LogEvicted(string corpus, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Corpus}/{Version} removed from the model store by retention")]
    private partial void LogRetired(string corpus, string version);
}
