namespace GenQ.ModelStore;

/// <summary>
/// Model versions (corpus, version) as every service can reach them. The trainer puts a version folder it made (and
/// puts it again after indexing added the fusion choice, promotion decision and int8 query model); a service that
/// needs a version resolves it to a local folder before it loads the model.
/// </summary>
public interface IModelStore
{
    ModelStoreKind Kind { get; }

    /// <summary>
    /// Makes <paramref name="folder"/>'s files the content of (corpus, version), replacing an earlier put of the same
    /// version. Returns the record, or null for <see cref="ModelStoreKind.Local"/>, where the folder itself is shared.
    /// </summary>
    Task<ModelVersionRecord?> PutAsync(string corpus, string version, string folder, CancellationToken cancellationToken);

    /// <summary>The version's files with their hashes and sizes, or null when the store does not hold it.</summary>
    Task<ModelVersionRecord?> GetRecordAsync(string corpus, string version, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the files of <paramref name="record"/> into the empty <paramref name="folder"/>, verifying each one's size
    /// and sha256; throws <see cref="ModelStoreException"/> on the first mismatch (the caller discards the folder).
    /// </summary>
    Task FetchAsync(ModelVersionRecord record, string folder, CancellationToken cancellationToken);

    /// <summary>
    /// A local folder with the version's verified files (Redis: fetched into this service's data folder when missing
    /// or stale). <paramref name="expectedDigest"/>, when given (the digest a job carries), must be the stored one or
    /// a later put of the same version (indexing adds to a version after it was announced); a missing version throws.
    /// </summary>
    Task<string> ResolveAsync(string corpus, string version, string? expectedDigest, CancellationToken cancellationToken);

    /// <summary>One file of the version (e.g. its manifest) without fetching the rest; null when not held.</summary>
    Task<byte[]?> ReadFileAsync(string corpus, string version, string relativePath, CancellationToken cancellationToken);

    /// <summary>Removes every version of a deleted corpus and the files no other version shares (Local: nothing, as before).</summary>
    Task DeleteCorpusAsync(string corpus, CancellationToken cancellationToken);
}
