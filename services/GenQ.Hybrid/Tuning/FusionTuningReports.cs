using GenQ.Contracts.Runs;

namespace GenQ.Hybrid.Tuning;

/// <summary>The tuning result as the run status reports it (<see cref="RunHybridReport"/>; settings written as "rrf:60", "weighted:0.7").</summary>
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
}
