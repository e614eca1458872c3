namespace GenQ.Contracts.Runs;

/// <summary>
/// How hybrid search was tuned for a run's model, without labels: the fusion setting chosen and the MRR@10 every
/// candidate reached on held-out synthetic queries (generated pairs kept out of training) retrieving their own passage.
/// </summary>
/// <param name="Chosen">The setting hybrid search uses by default, written as GenQ.Hybrid's FusionSettings writes it ("rrf:60", "weighted:0.7"; FusionSettings.Parse reads it back).</param>
/// <param name="HeldOutQueries">Synthetic queries the candidates were scored on.</param>
/// <param name="Candidates">Every setting tried, with its score.</param>
/// <param name="Note">Why the default was kept, when it was (e.g. too few held-out queries).</param>
public sealed record RunHybridReport(string Chosen, int HeldOutQueries, IReadOnlyList<RunHybridCandidate> Candidates, string? Note = null)
{
    /// <summary>The best-scoring setting (the choice unless it did not beat RRF clearly enough).</summary>
    public string? Best { get; init; }

    /// <summary>Mean MRR@10 gain of <see cref="Best"/> over RRF on the same queries, when it is not RRF.</summary>
    public double? GainOverRrf { get; init; }

    /// <summary>Paired bootstrap one-sided p of that gain (the probability it is not a gain).</summary>
    public double? PValue { get; init; }
}
