using GenQ.Contracts.Jobs;

namespace GenQ.Hybrid.Tuning;

/// <summary>
/// Chooses the held-out slice of a run's generated pairs by <b>passage</b>: passages are ordered by a stable hash of
/// their id (FNV-1a 64 over seed and id) and taken whole, with every pair generated for them, until the slice holds the
/// asked share of the pairs. Holding out passages rather than pairs matters: a query of a held-out passage then scores
/// a model on a passage it never saw in training (its siblings' queries did not teach it that passage either), which is
/// what the promotion gate and the fusion tuner need to judge a model fairly. The same passages are held out on every
/// retry, whatever order the pairs arrive in. Both lists keep the input order.
/// </summary>
public static class HoldOut
{
    public const double DefaultFraction = 0.1;
    public const int DefaultMax = 1000;

    /// <param name="fraction">Share of the pairs held out (rounded half away from zero), between 0 and 0.5.</param>
    /// <param name="max">At most this many pairs are held out (a passage whose pairs would pass it is not taken).</param>
    public static HoldOutSplit Split(IReadOnlyList<QueryPassagePair> pairs, double fraction = DefaultFraction, int max = DefaultMax, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (!(fraction >= 0 && fraction <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The held-out fraction must be between 0 and 0.5.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var target = Math.Min(max, (int)Math.Round(fraction * pairs.Count, MidpointRounding.AwayFromZero));
        var pairsOf = pairs.GroupBy(p => p.PassageId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var held = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var passage in pairsOf.Keys.OrderBy(id => Hash(id, seed)).ThenBy(id => id, StringComparer.Ordinal))
        {
            if (count >= target)
            {
                break;
            }

            // Whole passages only: the last one taken may overshoot the target by its own pairs, never the cap.
            if (count + pairsOf[passage] > max)
            {
                continue;
            }

            held.Add(passage);
            count += pairsOf[passage];
        }

        var training = new List<QueryPassagePair>(pairs.Count - count);
        var heldOut = new List<QueryPassagePair>(count);
        foreach (var pair in pairs)
        {
            (held.Contains(pair.PassageId) ? heldOut : training).Add(pair);
        }

        return new HoldOutSplit(training, heldOut);
    }

    /// <summary>FNV-1a 64 of the passage id (string.GetHashCode differs between processes).</summary>
    internal static ulong Hash(string passageId, int seed)
    {
        var hash = 14695981039346656037UL ^ (uint)seed;
        foreach (var c in passageId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
