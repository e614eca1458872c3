using GenQ.Embeddings.Models;
using GenQ.Hybrid.Fusion;
using GenQ.Hybrid.Tuning;

namespace GenQ.Evaluation.Hybrid;

/// <summary>
/// Converts between GenQ.Hybrid's types and the manifest's plain <see cref="ModelHybridSettings"/> (GenQ.Embeddings does
/// not reference GenQ.Hybrid).
/// </summary>
public static class HybridManifest
{
    public static ModelHybridSettings ToSection(FusionTuningResult result, bool positiveTextSwap)
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

    /// <summary>The fusion a manifest section names; a bad method or α is reported with the manifest field.</summary>
    public static FusionSettings ToFusionSettings(ModelHybridSettings section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return section.Method?.ToLowerInvariant() switch
        {
            "rrf" => FusionSettings.Rrf(section.RrfK ?? FusionSettings.DefaultRrfK),
            "weighted" when section.Alpha is { } alpha && alpha is >= 0 and <= 1 => FusionSettings.Weighted(alpha),
            "weighted" => throw new InvalidDataException($"Manifest hybrid section: method 'weighted' needs an alpha between 0 and 1 (got {section.Alpha?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})."),
            _ => throw new InvalidDataException($"Manifest hybrid section: method '{section.Method}' is not known (rrf or weighted)."),
        };
    }

    /// <summary>The model's own fusion setting, or null when its manifest has no hybrid section.</summary>
    public static FusionSettings? FusionOf(ModelManifest manifest) =>
        manifest.Hybrid is { } section ? ToFusionSettings(section) : null;

    /// <summary>A copy of <paramref name="manifest"/> with the tuning result as its hybrid section.</summary>
    public static ModelManifest WithHybrid(ModelManifest manifest, FusionTuningResult result, bool positiveTextSwap) =>
        manifest with { Hybrid = ToSection(result, positiveTextSwap) };
}
