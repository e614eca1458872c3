using GenQ.Contracts.Models;
using GenQ.Contracts.Runs;
using GenQ.Hybrid.Fusion;

namespace GenQ.Hybrid.Tuning;

/// <summary>
/// The tuning result in its two written forms: the run status' <see cref="RunHybridReport"/> and the model manifest's
/// <see cref="ModelHybridSettings"/> (settings written as "rrf:60", "weighted:0.7"). Both shapes are on disk and on the
/// wire already, so they stay as they are; this is the one place that fills them.
/// </summary>
public static class FusionTuningReports
{
    public static RunHybridReport ToRunReport(this FusionTuningResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new RunHybridReport(
            result.Chosen.ToString(),
            result.Queries,
            result.Candidates.Select(c => new RunHybridCandidate(c.Settings.ToString(), c.MrrAt10)).ToList(),
            result.Note)
        {
            Best = result.Best?.ToString(),
            GainOverRrf = result.Evidence?.MeanDifference,
            PValue = result.Evidence?.PValue,
        };
    }

    /// <param name="positiveTextSwap">Whether held-out passages were indexed as their positive text while tuning.</param>
    public static ModelHybridSettings ToManifestSection(this FusionTuningResult result, bool positiveTextSwap)
    {
        ArgumentNullException.ThrowIfNull(result);
        var chosen = result.Chosen;
        return new ModelHybridSettings
        {
            Method = chosen.Method == FusionMethod.Rrf ? "rrf" : "weighted",
            Alpha = chosen.Method == FusionMethod.Weighted ? chosen.Alpha : null,
            RrfK = chosen.Method == FusionMethod.Rrf ? chosen.RrfK : null,
            Tuned = result.Tuned,
            HeldOutQueries = result.Queries,
            MrrAt10 = result.ChosenMrrAt10,
            Candidates = result.Candidates.ToDictionary(c => c.Settings.ToString(), c => c.MrrAt10, StringComparer.Ordinal),
            PositiveTextSwap = positiveTextSwap,
            ExcludedCopies = result.ExcludedCopies,
            Note = result.Note,
            Best = result.Best?.ToString(),
            GainOverRrf = result.Evidence?.MeanDifference,
            PValue = result.Evidence?.PValue,
        };
    }
}
