using System.Collections.Concurrent;
using System.Text.Json;

namespace GenQ.VectorStore.Embedded;

/// <summary>
/// Reads and writes the small metadata files (aliases, manifests). Alias files are re-read only when their timestamp
/// or size changes, so a search costs one stat call, yet a switch made by another process is seen on the next search.
/// </summary>
internal sealed class EmbeddedCatalog(EmbeddedLayout layout)
{
    private readonly ConcurrentDictionary<string, CachedAlias> _aliases = new(StringComparer.Ordinal);

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

        if (_aliases.TryGetValue(corpus, out var cached) && cached.LastWriteUtc == file.LastWriteTimeUtc && cached.Length == file.Length)
        {
            return cached.State;
        }

        var state = ReadJson(file.FullName, EmbeddedJsonContext.Default.AliasState);
        _aliases[corpus] = new CachedAlias(state, file.LastWriteTimeUtc, file.Length);
        return state;
    }

    public async Task WriteAliasAsync(AliasState state, CancellationToken cancellationToken)
    {
        var path = layout.AliasFile(state.Corpus);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(state, EmbeddedJsonContext.Default.AliasState);
        await AtomicFile.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        var file = new FileInfo(path);
        _aliases[state.Corpus] = new CachedAlias(state, file.LastWriteTimeUtc, file.Length);
    }

    /// <summary>Manifest of a published version, or null when it is not published.</summary>
    public CollectionManifest? ReadPublished(string corpus, string version) =>
        ReadManifest(Path.Combine(layout.CollectionDirectory(corpus, version), EmbeddedLayout.ManifestFile));

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

    private sealed record CachedAlias(AliasState State, DateTime LastWriteUtc, long Length);
}
