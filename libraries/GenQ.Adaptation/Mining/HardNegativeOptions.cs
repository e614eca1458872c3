namespace GenQ.Adaptation.Mining;

/// <summary>How hard negatives are mined from the live model's index (GPL's setting: a rank window below the top).</summary>
public sealed record HardNegativeOptions
{
    public const string SectionName = "HardNegatives";

    /// <summary>First rank (0-based) a negative may come from: the very top is too often a second relevant passage.</summary>
    public int RankFrom { get; init; } = 10;

    /// <summary>Negatives come from ranks below this (per side, dense and BM25).</summary>
    public int RankTo { get; init; } = 50;

    /// <summary>A candidate this similar to the positive (cosine, live model) is a near-duplicate, not a negative.</summary>
    public double MaxCosineToPositive { get; init; } = 0.95;

    public int Seed { get; init; } = 42;

    public void Validate()
    {
        if (RankFrom < 0 || RankTo <= RankFrom)
        {
            throw new ArgumentException($"HardNegatives: RankFrom ({RankFrom}) must be ≥ 0 and below RankTo ({RankTo}).");
        }

        if (!(MaxCosineToPositive > 0 && MaxCosineToPositive <= 1))
        {
            throw new ArgumentException($"HardNegatives: MaxCosineToPositive ({MaxCosineToPositive}) must be in (0, 1].");
        }
    }
}
