namespace GenQ.Training.Losses;

/// <summary>Settings of <see cref="MarginMseLoss"/>.</summary>
public sealed record MarginMseLossOptions
{
    /// <summary>
    /// Multiplier of the student's cosine similarities before margins are taken (default 1.0). GenQ's student serves
    /// cosine similarity of mean-pooled, normalised embeddings, and the pipeline hands over teacher margins already on
    /// that cosine scale (it rescales the cross-encoder's logits), so student and teacher margins compare as they are.
    /// A teacher whose margins are on another scale (e.g. raw logits, as UKPLab GPL uses with dot-product students) is
    /// matched by raising this instead.
    /// </summary>
    public double Scale { get; init; } = 1.0;
}
