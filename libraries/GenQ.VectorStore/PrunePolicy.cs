namespace GenQ.VectorStore;

/// <summary>
/// Which published versions pruning keeps, and the removal of the others, the same in both backends: the live and the previous version, the newest
/// <see cref="VectorStoreOptions.KeepVersions"/> and the newest baseline (<see cref="VectorStoreOptions.BaselineVersionPrefix"/>).
/// "Newest" is by creation time, ties (and versions without one, taken as oldest) by name.
/// </summary>
internal static class PrunePolicy
{
    public static IReadOnlySet<string> Kept(
        IEnumerable<(string Version, DateTimeOffset? CreatedUtc)> published, string? live, string? previous, VectorStoreOptions options)
    {
        var newestFirst = published
            .OrderByDescending(v => v.CreatedUtc ?? DateTimeOffset.MinValue)
            .ThenByDescending(v => v.Version, StringComparer.Ordinal)
            .Select(v => v.Version)
            .ToList();
        var kept = new HashSet<string>(newestFirst.Take(options.KeepVersions), StringComparer.Ordinal);
        if (live is not null)
        {
            kept.Add(live);
        }

        if (previous is not null)
        {
            kept.Add(previous);
        }

        if (!string.IsNullOrEmpty(options.BaselineVersionPrefix)
            && newestFirst.FirstOrDefault(v => v.StartsWith(options.BaselineVersionPrefix, StringComparison.Ordinal)) is { } baseline)
        {
            kept.Add(baseline);
        }

        return kept;
    }

    /// <summary>
    /// Deletes, through <paramref name="delete"/>, every version of <paramref name="published"/> that <see cref="Kept"/>
    /// does not keep, in the given order, then reports the removed ones (comma-separated) to <paramref name="pruned"/>
    /// when there are any. Each backend brings its own deletion and log message.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PruneAsync(
        IReadOnlyCollection<(string Version, DateTimeOffset? CreatedUtc)> published, string? live, string? previous, VectorStoreOptions options,
        Func<string, Task> delete, Action<string> pruned)
    {
        var kept = Kept(published, live, previous, options);
        var removed = new List<string>();
        foreach (var (version, _) in published.Where(v => !kept.Contains(v.Version)))
        {
            await delete(version).ConfigureAwait(false);
            removed.Add(version);
        }

        if (removed.Count > 0)
        {
            pruned(string.Join(", ", removed));
        }

        return removed;
    }
}
