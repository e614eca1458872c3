using GenQ.Contracts.Jobs;

namespace GenQ.Hybrid.Tuning;

/// <summary>
/// Chooses the held-out slice of a run's generated pairs by a stable hash (FNV-1a 64 over seed, query and passage id):
/// the pairs with the smallest hashes are held out, so the same pairs are held out on every retry, whatever order the
/// pairs arrive in. Both lists keep the input order.
/// </summary>
public static class HoldOut
{
    public const double DefaultFraction = 0.1;
    public const int DefaultMax = 1000;

    /// <param name="fraction">Share of the pairs held out (rounded half away from zero), between 0 and 0.5.</param>
    /// <param name="max">At most this many pairs are held out.</param>
    public static HoldOutSplit Split(IReadOnlyList<QueryPassagePair> pairs, double fraction = DefaultFraction, int max = DefaultMax, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (!(fraction >= 0 && fraction <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The held-out fraction must be between 0 and 0.5.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var count = Math.Min(max, (int)Math.Round(fraction * pairs.Count, MidpointRounding.AwayFromZero));
        var held = Enumerable.Range(0, pairs.Count)
            .OrderBy(i => Hash(pairs[i], seed))
            .ThenBy(i => pairs[i].Query, StringComparer.Ordinal)
            .ThenBy(i => pairs[i].PassageId, StringComparer.Ordinal)
            .ThenBy(i => i)
            .Take(count)
            .ToHashSet();
        var training = new List<QueryPassagePair>(pairs.Count - count);
        var heldOut = new List<QueryPassagePair>(count);
        for (var i = 0; i < pairs.Count; i++)
        {
            (held.Contains(i) ? heldOut : training).Add(pairs[i]);
        }

        return new HoldOutSplit(training, heldOut);
    }

    /// <summary>FNV-1a 64 (string.GetHashCode differs between processes); a separator keeps ("ab","c") apart from ("a","bc").</summary>
    internal static ulong Hash(QueryPassagePair pair, int seed)
    {
        var hash = 14695981039346656037UL ^ (uint)seed;
        foreach (var c in pair.Query)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ 0xFFFF) * 1099511628211UL;
        foreach (var c in pair.PassageId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
