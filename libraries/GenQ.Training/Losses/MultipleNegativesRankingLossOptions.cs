namespace GenQ.Training.Losses;

/// <summary>Settings of <see cref="MultipleNegativesRankingLoss"/> (sentence-transformers defaults).</summary>
public sealed record MultipleNegativesRankingLossOptions
{
    /// <summary>Multiplier of the cosine similarities before the softmax (sentence-transformers: 20).</summary>
    public double Scale { get; init; } = 20.0;

    /// <summary>Also rank anchors given each positive (MultipleNegativesSymmetricRankingLoss), averaging both directions.</summary>
    public bool Symmetric { get; init; }
}
