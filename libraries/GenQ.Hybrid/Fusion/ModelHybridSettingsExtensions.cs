using System.Globalization;
using GenQ.Contracts.Models;

namespace GenQ.Hybrid.Fusion;

/// <summary>Reads the fusion setting out of a model manifest's <c>hybrid</c> section (<see cref="ModelHybridSettings"/>).</summary>
public static class ModelHybridSettingsExtensions
{
    /// <summary>The fusion a manifest section names; a bad method or α is reported with the manifest field.</summary>
    public static FusionSettings ToFusionSettings(this ModelHybridSettings section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return section.Method?.ToLowerInvariant() switch
        {
            "rrf" => FusionSettings.Rrf(section.RrfK ?? FusionSettings.DefaultRrfK),
            "weighted" when section.Alpha is { } alpha && alpha is >= 0 and <= 1 => FusionSettings.Weighted(alpha),
            "weighted" => throw new InvalidDataException($"Manifest hybrid section: method 'weighted' needs an alpha between 0 and 1 (got {section.Alpha?.ToString(CultureInfo.InvariantCulture) ?? "none"})."),
            _ => throw new InvalidDataException($"Manifest hybrid section: method '{section.Method}' is not known (rrf or weighted)."),
        };
    }

    /// <summary>
    /// The model's own fusion, or <see cref="FusionSettings.Default"/> when its manifest has no hybrid section (written
    /// before hybrid search, or never tuned).
    /// </summary>
    public static FusionSettings ToFusionSettingsOrDefault(this ModelHybridSettings? section) =>
        section is null ? FusionSettings.Default : section.ToFusionSettings();
}
