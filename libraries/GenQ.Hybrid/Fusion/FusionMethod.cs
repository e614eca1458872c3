namespace GenQ.Hybrid.Fusion;

/// <summary>
/// <see cref="Rrf"/>: reciprocal-rank fusion, Σ 1/(k + rank) (Cormack et al., 2009), which needs no score calibration.
/// <see cref="Weighted"/>: α·dense + (1−α)·lexical over min–max normalised scores.
/// </summary>
public enum FusionMethod
{
    Rrf,
    Weighted,
}
