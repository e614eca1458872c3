using System.Globalization;
using GenQ.Hybrid.Fusion;
using GenQ.Hybrid.Statistics;

namespace GenQ.Hybrid.Tuning;

/// <summary>
/// Label-free choice of the fusion setting: every candidate of <see cref="FusionTunerOptions.Candidates"/> fuses the
/// dense and lexical lists of each held-out synthetic query, and the one with the highest MRR@10 of the queries
/// retrieving their own passage is the best. Ties go to RRF, then to the α nearest 0.5 (the least extreme mix), then to
/// the larger α, then to the smaller RRF k, so the same scores always give the same choice. Weighted settings below
/// <see cref="FusionTunerOptions.MinAlpha"/> are scored but not eligible. A best candidate other than
/// RRF is chosen only when it beats RRF by <see cref="FusionTunerOptions.RequiredMargin"/> and the paired bootstrap
/// finds the gain significant; otherwise RRF stays and <see cref="FusionTuningResult.Note"/> says why.
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

        var best = scores.Where(c => c.Settings.Method == FusionMethod.Rrf || c.Settings.Alpha >= options.MinAlpha - 1e-9)
            .DefaultIfEmpty(scores[0])
            .OrderByDescending(c => c.MrrAt10)
            .ThenBy(c => c.Settings.Method == FusionMethod.Rrf ? 0 : 1)
            .ThenBy(c => Math.Abs(c.Settings.Alpha - 0.5))
            .ThenByDescending(c => c.Settings.Alpha)
            .ThenBy(c => c.Settings.RrfK)
            .First();
        if (best.Settings == FusionSettings.Default || !options.Candidates.Contains(FusionSettings.Default))
        {
            return new FusionTuningResult(best.Settings, scores, queries.Count) { Best = best.Settings };
        }

        var evidence = PairedBootstrap.Compare(
            ReciprocalRanks(queries, best.Settings, options.Cutoff), ReciprocalRanks(queries, FusionSettings.Default, options.Cutoff),
            options.Resamples, options.Confidence);
        var alpha = 1 - options.Confidence;
        if (evidence.MeanDifference >= options.RequiredMargin && evidence.PValue < alpha)
        {
            return new FusionTuningResult(best.Settings, scores, queries.Count) { Best = best.Settings, Evidence = evidence };
        }

        var c = CultureInfo.InvariantCulture;
        return new FusionTuningResult(FusionSettings.Default, scores, queries.Count)
        {
            Best = best.Settings,
            Evidence = evidence,
            Note = string.Create(c,
                $"kept {FusionSettings.Default}: {best.Settings} scored {evidence.MeanDifference:+0.0000;-0.0000} MRR@10 over it (p {evidence.PValue:0.000}), short of the required +{options.RequiredMargin:0.000} at {options.Confidence:P0} confidence"),
        };
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
    public static double MrrAt(IReadOnlyList<TuningQuery> queries, FusionSettings settings, int cutoff) =>
        queries.Count == 0 ? 0 : ReciprocalRanks(queries, settings, cutoff).Average();

    /// <summary>Each query's reciprocal rank of its own passage within the top <paramref name="cutoff"/> fused hits (0 when absent).</summary>
    public static double[] ReciprocalRanks(IReadOnlyList<TuningQuery> queries, FusionSettings settings, int cutoff)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var ranks = new double[queries.Count];
        for (var q = 0; q < queries.Count; q++)
        {
            var fused = RankFusion.Fuse(queries[q].Dense, queries[q].Lexical, settings, cutoff);
            ranks[q] = ReciprocalRank(fused.Select(f => f.Id), queries[q].PassageId, cutoff);
        }

        return ranks;
    }

    /// <summary>1 / rank of <paramref name="passageId"/> among the first <paramref name="cutoff"/> ids, 0 when absent.</summary>
    public static double ReciprocalRank(IEnumerable<string> ranked, string passageId, int cutoff)
    {
        var rank = 0;
        foreach (var id in ranked)
        {
            if (++rank > cutoff)
            {
                break;
            }

            if (string.Equals(id, passageId, StringComparison.Ordinal))
            {
                return 1.0 / rank;
            }
        }

        return 0;
    }
}
