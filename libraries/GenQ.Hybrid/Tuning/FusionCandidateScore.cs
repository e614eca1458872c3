using GenQ.Hybrid.Fusion;

namespace GenQ.Hybrid.Tuning;

/// <summary>One fusion setting tried by <see cref="FusionTuner"/> and the MRR@10 of the held-out queries under it.</summary>
public sealed record FusionCandidateScore(FusionSettings Settings, double MrrAt10);
