namespace GenQ.ModelStore;

/// <summary>The model store, bound from the <c>ModelStore</c> section.</summary>
public sealed class ModelStoreOptions
{
    public const string SectionName = "ModelStore";

    /// <summary><see cref="ModelStoreKind.Local"/> (default: the shared folder) or <see cref="ModelStoreKind.Redis"/>.</summary>
    public ModelStoreKind Kind { get; set; } = ModelStoreKind.Local;

    /// <summary>Bytes per Redis value a file is split into (Redis: 512 MB per value at most; 1 MiB keeps commands short).</summary>
    public int ChunkSize { get; set; } = 1024 * 1024;

    /// <summary>
    /// Versions per corpus the Redis store keeps (newest first; a version in use is never removed). Above the vector
    /// index's own pruning (live, previous, newest three and the base), so a version the index still serves keeps its files.
    /// </summary>
    public int VersionsKeptPerCorpus { get; set; } = 8;

    /// <summary>Versions per corpus a service keeps fetched in its data folder (most recently used first; the one in use stays).</summary>
    public int CachedVersionsPerCorpus { get; set; } = 3;
}
