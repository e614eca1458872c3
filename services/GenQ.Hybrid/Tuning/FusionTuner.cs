using System.Globalization;
using GenQ.Hybrid.Fusion;

namespace GenQ.Hybrid.Tuning;

/// <summary>
/// Label-free choice of the fusion setting: every candidate of <see cref="FusionTunerOptions.Candidates"/> fuses the
/// dense and lexical lists of each held-out synthetic query, and the one with the highest MRR@10 of the queries
/// retrieving their own passage wins. Ties go to RRF, then to the α nearest 0.5 (the least extreme mix), then to the
/// larger α, then to the smaller RRF k, so the same scores always give the same choice.
/// </summary>
public static class FusionTuner
{
    /// <summary>Tunes on precomputed candidate lists (the caller batches the query embeddings).</summary>
    public static FusionTuningResult Tune(IReadOnlyList<TuningQuery> queries, FusionTunerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(queries);
        options ??= new FusionTunerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Cutoff, 1);
        if (options.Candidates.Count == 0)
        {
            throw new ArgumentException("FusionTunerOptions.Candidates is empty.", nameof(options));
        }

        var scores = options.Candidates.Distinct().Select(s => new FusionCandidateScore(s, MrrAt(queries, s, options.Cutoff))).ToList();
        if (queries.Count < options.MinQueries)
        {
            return new FusionTuningResult(FusionSettings.Default, scores, queries.Count)
            {
                Tuned = false,
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"only {queries.Count} held-out queries (fewer than {options.MinQueries}): kept the default {FusionSettings.Default}"),
            };
        }

        var best = scores.OrderByDescending(c => c.MrrAt10)
            .ThenBy(c => c.Settings.Method == FusionMethod.Rrf ? 0 : 1)
            .ThenBy(c => Math.Abs(c.Settings.Alpha - 0.5))
            .ThenByDescending(c => c.Settings.Alpha)
            .ThenBy(c => c.Settings.RrfK)
            .First();
        return new FusionTuningResult(best.Settings, scores, queries.Count);
    }

    /// <summary>Tunes with retrieval callbacks (query text → candidate list, best first), one call per side and query.</summary>
    public static FusionTuningResult Tune(
        IReadOnlyList<HeldOutQuery> queries,
        Func<string, IReadOnlyList<RankedCandidate>> dense,
        Func<string, IReadOnlyList<RankedCandidate>> lexical,
        FusionTunerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(dense);
        ArgumentNullException.ThrowIfNull(lexical);
        var prepared = queries.Select(q => new TuningQuery(q.PassageId, dense(q.Query), lexical(q.Query))).ToList();
        return Tune(prepared, options);
    }

    /// <summary>Mean reciprocal rank of each query's own passage within the top <paramref name="cutoff"/> fused hits (0 when absent).</summary>
    public static double MrrAt(IReadOnlyList<TuningQuery> queries, FusionSettings settings, int cutoff)
    {
        if (queries.Count == 0)
        {
            return 0;
        }

        var sum = 0.0;
        foreach (var query in queries)
        {
            var fused = RankFusion.Fuse(query.Dense, query.Lexical, settings, cutoff);
            for (var i = 0; i < fused.Count; i++)
            {
                if (string.Equals(fused[i].Id, query.PassageId, StringComparison.Ordinal))
                {
                    sum += 1.0 / (i + 1);
                    break;
                }
            }
        }

        return sum / queries.Count;
    }
}
