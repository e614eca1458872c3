using GenQ.Hybrid.Fusion;

namespace GenQ.Hybrid.Tuning;

/// <summary>The candidates <see cref="FusionTuner"/> tries and when it trusts its own choice.</summary>
public sealed record FusionTunerOptions
{
    /// <summary>Below this many held-out queries the tuner keeps <see cref="FusionSettings.Default"/>: MRR on a handful of queries is noise.</summary>
    public int MinQueries { get; init; } = 20;

    /// <summary>MRR cut-off (MRR@10).</summary>
    public int Cutoff { get; init; } = 10;

    /// <summary>RRF k = 60 and weighted α = 0.0, 0.1, …, 1.0 (α = 1 is dense alone, α = 0 BM25 alone).</summary>
    public IReadOnlyList<FusionSettings> Candidates { get; init; } =
        [FusionSettings.Default, .. Enumerable.Range(0, 11).Select(i => FusionSettings.Weighted(i / 10.0))];
}
