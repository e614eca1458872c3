using System.Collections.Concurrent;
using System.Text.Json;
using GenQ.Contracts.Files;

namespace GenQ.VectorStore.Embedded;

/// <summary>
/// Reads and writes the small metadata files (aliases, manifests). Alias files are re-read only when their timestamp
/// or size changes, so a search costs one stat call, yet a switch made by another process is seen on the next search.
/// Published manifests are cached the same way (a rebuilt version gets a new manifest file). File timestamps are
/// coarse (a few ms on Linux), so, as git does for its index, a cached copy is trusted only when it was read well after
/// the file's last write: a newer write then necessarily carries a newer timestamp.
/// </summary>
internal sealed class EmbeddedCatalog(EmbeddedLayout layout)
{
    private readonly ConcurrentDictionary<string, CachedAlias> _aliases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedManifest> _published = new(StringComparer.Ordinal);

    public EmbeddedLayout Layout => layout;

    /// <summary>Current alias of <paramref name="corpus"/>, or null when it has never been published.</summary>
    public AliasState? ReadAlias(string corpus)
    {
        var file = new FileInfo(layout.AliasFile(corpus));
        if (!file.Exists)
        {
            _aliases.TryRemove(corpus, out _);
            return null;
        }

        if (_aliases.TryGetValue(corpus, out var cached) && cached.Stamp.Matches(file))
        {
            return cached.State;
        }

        var stamp = FileStamp.Of(file);
        var state = ReadJson(file.FullName, EmbeddedJsonContext.Default.AliasState);
        _aliases[corpus] = new CachedAlias(state, stamp);
        return state;
    }

    public async Task WriteAliasAsync(AliasState state, CancellationToken cancellationToken)
    {
        var path = layout.AliasFile(state.Corpus);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(state, EmbeddedJsonContext.Default.AliasState);
        await AtomicFile.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        _aliases[state.Corpus] = new CachedAlias(state, FileStamp.Of(new FileInfo(path)));
    }

    /// <summary>Manifest of a published version, or null when it is not published.</summary>
    public CollectionManifest? ReadPublished(string corpus, string version)
    {
        var file = new FileInfo(Path.Combine(layout.CollectionDirectory(corpus, version), EmbeddedLayout.ManifestFile));
        if (!file.Exists)
        {
            _published.TryRemove(file.FullName, out _);
            return null;
        }

        if (_published.TryGetValue(file.FullName, out var cached) && cached.Stamp.Matches(file))
        {
            return cached.Manifest;
        }

        var stamp = FileStamp.Of(file);
        var manifest = ReadJson(file.FullName, EmbeddedJsonContext.Default.CollectionManifest);
        _published[file.FullName] = new CachedManifest(manifest, stamp);
        return manifest;
    }

    /// <summary>Build file of a version being built, or null when none is being built.</summary>
    public CollectionManifest? ReadBuilding(string corpus, string version) =>
        ReadManifest(Path.Combine(layout.BuildingDirectory(corpus, version), EmbeddedLayout.BuildFile));

    public static Task WriteManifestAsync(string path, CollectionManifest manifest, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllBytesAsync(path, JsonSerializer.SerializeToUtf8Bytes(manifest, EmbeddedJsonContext.Default.CollectionManifest), cancellationToken);

    private static CollectionManifest? ReadManifest(string path) =>
        File.Exists(path) ? ReadJson(path, EmbeddedJsonContext.Default.CollectionManifest) : null;

    private static T ReadJson<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return JsonSerializer.Deserialize(stream, typeInfo) ?? throw new InvalidDataException($"'{path}' is empty (JSON null).");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not valid: {ex.Message}", ex);
        }
    }

    private sealed record CachedAlias(AliasState State, FileStamp Stamp);

    private sealed record CachedManifest(CollectionManifest Manifest, FileStamp Stamp);

    /// <summary>Timestamp and size of a file when it was read; trusted only if the read was clearly after the write.</summary>
    private sealed record FileStamp(DateTime LastWriteUtc, long Length, bool Settled)
    {
        private static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(1);

        public static FileStamp Of(FileInfo file) =>
            new(file.LastWriteTimeUtc, file.Length, DateTime.UtcNow - file.LastWriteTimeUtc > RacyWindow);

        public bool Matches(FileInfo file) => Settled && LastWriteUtc == file.LastWriteTimeUtc && Length == file.Length;
    }
}
