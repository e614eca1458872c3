using GenQ.Contracts.Jobs;
using GenQ.Hybrid.Tuning;
using GenQ.Training;

namespace GenQ.Adaptation.TrainingData;

/// <summary>
/// Builds a run's training pairs from its stored (query, passage id) pairs, for the trainer worker and `genq train`
/// alike: the positive is title + " " + text of the passage (<see cref="PassageText.Compose"/>), with the generator's
/// positive text in place of the passage text where it set one (inverse cloze removes the query sentence). Optionally
/// drops verbatim copies and samples a budget (<see cref="TrainingDataOptions"/>). Pairs keep their input order.
/// </summary>
public static class TrainingSet
{
    public static TrainingSetResult Build(
        IReadOnlyList<QueryPassagePair> pairs, IReadOnlyDictionary<string, PassageRecord> passages, TrainingDataOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(passages);
        options ??= new TrainingDataOptions();
        if (options.MaxPairs is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxPairs, "TrainingData.MaxPairs must be at least 1 when set.");
        }

        var built = new List<(QueryPassagePair Source, TrainingPair Pair)>(pairs.Count);
        var copies = 0;
        foreach (var pair in pairs)
        {
            var passage = passages[pair.PassageId];
            var positive = PassageText.Compose(pair.PositiveText is { } text ? passage with { Text = text } : passage);
            if (options.DropCopies && VerbatimQueries.IsCopy(pair.Query, positive))
            {
                copies++;
                continue;
            }

            built.Add((pair, new TrainingPair(pair.Query, positive)));
        }

        var sampled = options.MaxPairs is { } max && built.Count > max ? Sample(built.Count, max, options.Seed) : null;
        var kept = sampled is null ? built : built.Where((_, i) => sampled.Contains(i)).ToList();
        return new TrainingSetResult(
            kept.Select(k => k.Pair).ToList(), kept.Select(k => k.Source).ToList(), copies, built.Count - kept.Count);
    }

    /// <summary><paramref name="count"/> distinct indexes below <paramref name="total"/>, a seeded partial Fisher–Yates shuffle.</summary>
    private static HashSet<int> Sample(int total, int count, int seed)
    {
        var random = new Random(seed);
        var indexes = Enumerable.Range(0, total).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, total);
            (indexes[i], indexes[j]) = (indexes[j], indexes[i]);
        }

        return indexes.Take(count).ToHashSet();
    }
}
