using System.Collections.Concurrent;

namespace GenQ.ModelStore.Cache;

/// <summary>
/// A service's own copies of model versions: <c>{root}/{corpus}/{version}</c>. A version is fetched into a temporary
/// sibling folder, verified, marked with its record's digest and then renamed into place, so a folder at the version's
/// path is always complete; a failed fetch leaves nothing behind. After an install the corpus keeps the
/// <c>keep</c> most recently used versions (and every version in use); older fetched copies are deleted. Folders
/// without the marker (a version the trainer is still writing) and folders this service put itself are never touched.
/// </summary>
public sealed class ModelCache(string root)
{
    private const string TempPrefix = ".fetch-";
    private const string RetiredPrefix = ".retired-";
    // Second marker line of a folder this service made and put itself (the trainer's exports): its own output, kept
    // like before the store existed; the trainer numbers its next version from these folders.
    private const string OwnOutput = "own-output";
    private readonly ConcurrentDictionary<(string Corpus, string Version), SemaphoreSlim> _locks = new();

    public string Root { get; } = Path.GetFullPath(root);

    public string VersionFolder(string corpus, string version) => Path.Combine(Root, corpus, version);

    /// <summary>The digest the installed copy was fetched or put as; null when there is none.</summary>
    public string? InstalledDigest(string corpus, string version)
    {
        var marker = Path.Combine(VersionFolder(corpus, version), ModelFiles.MarkerFileName);
        return File.Exists(marker) ? File.ReadLines(marker).FirstOrDefault()?.Trim() : null;
    }

    /// <summary>
    /// The folder of <paramref name="record"/>: the installed copy when its digest matches, else a fresh copy written by
    /// <paramref name="fetch"/> into a temporary folder and renamed into place only once it returned (it verifies).
    /// </summary>
    public async Task<string> InstallAsync(
        ModelVersionRecord record, Func<string, CancellationToken, Task> fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(fetch);
        var target = VersionFolder(record.Corpus, record.Version);
        var gate = _locks.GetOrAdd((record.Corpus, record.Version), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var digest = record.Digest;
            if (InstalledDigest(record.Corpus, record.Version) == digest)
            {
                Touch(target);
                return target;
            }
            var corpusFolder = Path.Combine(Root, record.Corpus);
            Directory.CreateDirectory(corpusFolder);
            var temp = Path.Combine(corpusFolder, $"{TempPrefix}{record.Version}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(temp);
            try
            {
                await fetch(temp, cancellationToken).ConfigureAwait(false);
                await File.WriteAllTextAsync(Path.Combine(temp, ModelFiles.MarkerFileName), digest, cancellationToken).ConfigureAwait(false);
                if (Directory.Exists(target))
                {
                    // A stale copy (an earlier put of this version): moved aside first, so the rename below is atomic.
                    var retired = Path.Combine(corpusFolder, $"{RetiredPrefix}{record.Version}-{Guid.NewGuid():N}");
                    Directory.Move(target, retired);
                    TryDelete(retired);
                }
                Directory.Move(temp, target);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
            return target;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Marks the folder just put as the installed copy of <paramref name="record"/>. A folder this service exported (no
    /// marker yet) stays its own output; a fetched copy it added to (the trainer writes the int8 model into a fetched
    /// base model and puts it again) stays a fetched copy, evicted like any other.
    /// </summary>
    public void MarkInstalled(ModelVersionRecord record, string folder)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Path.GetFullPath(folder) != VersionFolder(record.Corpus, record.Version))
        {
            return;
        }
        var marker = Path.Combine(folder, ModelFiles.MarkerFileName);
        var fetched = File.Exists(marker) && !File.ReadLines(marker).Contains(OwnOutput);
        File.WriteAllText(marker, fetched ? record.Digest : $"{record.Digest}\n{OwnOutput}\n");
    }

    /// <summary>
    /// Deletes the fetched copies of <paramref name="corpus"/> beyond the <paramref name="keep"/> most recently used,
    /// never one in <paramref name="inUse"/>. Returns the versions deleted.
    /// </summary>
    public IReadOnlyList<string> Evict(string corpus, int keep, IReadOnlyCollection<string> inUse)
    {
        var corpusFolder = Path.Combine(Root, corpus);
        if (!Directory.Exists(corpusFolder))
        {
            return [];
        }
        var installed = Directory.EnumerateDirectories(corpusFolder)
            .Select(path => new DirectoryInfo(path))
            .Where(d => !d.Name.StartsWith('.') && File.Exists(Path.Combine(d.FullName, ModelFiles.MarkerFileName))
                && !File.ReadLines(Path.Combine(d.FullName, ModelFiles.MarkerFileName)).Contains(OwnOutput))
            .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d.FullName, ModelFiles.MarkerFileName)))
            .ThenByDescending(d => d.Name, StringComparer.Ordinal)
            .ToList();
        var removed = new List<string>();
        foreach (var folder in installed.Skip(Math.Max(0, keep)).Where(d => !inUse.Contains(d.Name)))
        {
            var retired = Path.Combine(corpusFolder, $"{RetiredPrefix}{folder.Name}-{Guid.NewGuid():N}");
            Directory.Move(folder.FullName, retired);
            TryDelete(retired);
            removed.Add(folder.Name);
        }
        return removed;
    }

    // The marker's write time is the "last used" time eviction orders by.
    private static void Touch(string folder) =>
        File.SetLastWriteTimeUtc(Path.Combine(folder, ModelFiles.MarkerFileName), DateTime.UtcNow);

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next eviction: a name starting with '.' is never served.
        }
    }
}
