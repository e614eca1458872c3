using System.Security.Cryptography;

namespace GenQ.ModelStore;

/// <summary>Lists and hashes the files of a version folder, and checks a recorded path before anything is written to it.</summary>
public static class ModelFiles
{
    /// <summary>
    /// Written into a fetched version folder before it is renamed into place: the digest of the record it was fetched
    /// (or put) as. Not part of the version: <see cref="ListAsync"/> leaves it out.
    /// </summary>
    public const string MarkerFileName = ".genq-model-record";

    /// <summary>Every file under <paramref name="folder"/> (sub-folders too) with its sha256 and size, by path.</summary>
    public static async Task<IReadOnlyList<ModelFileRecord>> ListAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new ModelStoreException($"Model folder '{folder}' does not exist.");
        }
        var root = Path.GetFullPath(folder);
        var files = new List<ModelFileRecord>();
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (relative == MarkerFileName)
            {
                continue;
            }
            await using var stream = File.OpenRead(path);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            files.Add(new ModelFileRecord(relative, Convert.ToHexStringLower(hash), stream.Length));
        }
        if (files.Count == 0)
        {
            throw new ModelStoreException($"Model folder '{folder}' has no files.");
        }
        return files;
    }

    /// <summary>
    /// The full path of <paramref name="relativePath"/> inside <paramref name="folder"/>; a record naming a path outside
    /// it (rooted, "..", the marker) is refused, so a tampered record cannot write anywhere else.
    /// </summary>
    public static string SafePath(string folder, string relativePath)
    {
        var root = Path.GetFullPath(folder);
        if (string.IsNullOrWhiteSpace(relativePath) || Path.IsPathRooted(relativePath) || relativePath == MarkerFileName
            || relativePath.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new ModelStoreException($"The model record names an unsafe file path '{relativePath}'.");
        }
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ModelStoreException($"The model record names a file outside its folder: '{relativePath}'.");
        }
        return full;
    }
}
