using GenQ.Runs;

namespace GenQ.ModelStore.Local;

/// <summary>
/// The shared-folder mode (one machine, or a volume every replica mounts at the same path): a version is the folder the
/// model registry names, read in place. Nothing is copied; records are computed from the folder when asked for.
/// </summary>
public sealed class LocalModelStore(ModelRegistry registry) : IModelStore
{
    public ModelStoreKind Kind => ModelStoreKind.Local;

    // The folder is already where every service reads it: no copy, no record (jobs carry its path).
    public Task<ModelVersionRecord?> PutAsync(string corpus, string version, string folder, CancellationToken cancellationToken) =>
        Task.FromResult<ModelVersionRecord?>(null);

    public async Task<ModelVersionRecord?> GetRecordAsync(string corpus, string version, CancellationToken cancellationToken)
    {
        var folder = await registry.FindAsync(corpus, version).ConfigureAwait(false);
        return folder is null || !Directory.Exists(folder)
            ? null
            : new ModelVersionRecord(corpus, version, await ModelFiles.ListAsync(folder, cancellationToken).ConfigureAwait(false),
                Directory.GetLastWriteTimeUtc(folder));
    }

    public async Task FetchAsync(ModelVersionRecord record, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var source = await ResolveAsync(record.Corpus, record.Version, null, cancellationToken).ConfigureAwait(false);
        var actual = (await ModelFiles.ListAsync(source, cancellationToken).ConfigureAwait(false)).ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var file in record.Files)
        {
            if (actual.GetValueOrDefault(file.Path) != file)
            {
                throw new ModelStoreException($"Model {record.Corpus}/{record.Version}, file '{file.Path}' in '{source}' is not the recorded one (sha256 {file.Sha256}, {file.Size} bytes).");
            }
            var target = ModelFiles.SafePath(folder, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(ModelFiles.SafePath(source, file.Path), target);
        }
    }

    public async Task<string> ResolveAsync(string corpus, string version, string? expectedDigest, CancellationToken cancellationToken) =>
        await registry.FindAsync(corpus, version).ConfigureAwait(false)
        ?? throw new ModelStoreException($"Model {corpus}/{version} is not registered in the model registry.");

    public async Task<byte[]?> ReadFileAsync(string corpus, string version, string relativePath, CancellationToken cancellationToken)
    {
        var folder = await registry.FindAsync(corpus, version).ConfigureAwait(false);
        if (folder is null)
        {
            return null;
        }
        var path = ModelFiles.SafePath(folder, relativePath);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // a pruned or moved folder
        }
    }

    // The shared folder's versions were never removed with a corpus; the registry entries are (RunStore.DeleteCorpusAsync).
    public Task DeleteCorpusAsync(string corpus, CancellationToken cancellationToken) => Task.CompletedTask;
}
