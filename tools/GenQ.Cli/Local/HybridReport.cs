using System.Globalization;
using GenQ.Hybrid.Fusion;
using GenQ.Hybrid.Tuning;

namespace GenQ.Cli.Local;

/// <summary>One line that says what the fusion tuner chose and how the reference settings scored.</summary>
public static class HybridReport
{
    public static string Describe(FusionTuningResult result)
    {
        var c = CultureInfo.InvariantCulture;
        double? Score(FusionSettings s) => result.Candidates.FirstOrDefault(x => x.Settings == s)?.MrrAt10;
        string F(double? v) => v?.ToString("F3", c) ?? "-";
        var references = $"rrf:60 {F(Score(FusionSettings.Default))}, dense alone {F(Score(FusionSettings.Weighted(1)))}, BM25 alone {F(Score(FusionSettings.Weighted(0)))}";
        var copies = result.ExcludedCopies > 0 ? $", {result.ExcludedCopies} copies of their passage left out" : string.Empty;
        return result.Tuned
            ? $"{result.Chosen} (MRR@10 {F(result.ChosenMrrAt10)} on {result.Queries} held-out synthetic queries{copies}; {references}){(result.Note is null ? "" : "; " + result.Note)}"
            : $"{result.Chosen} ({result.Note}{copies})";
    }
}
