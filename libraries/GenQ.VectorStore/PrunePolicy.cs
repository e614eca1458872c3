namespace GenQ.VectorStore;

/// <summary>
/// Which published versions pruning keeps, the same in both backends: the live and the previous version, the newest
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
}
