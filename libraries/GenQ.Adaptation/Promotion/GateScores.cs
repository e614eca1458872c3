using GenQ.Hybrid.Fusion;

namespace GenQ.Adaptation.Promotion;

/// <summary>One version's per-query reciprocal ranks on the gate's held-out queries, in hybrid (with <paramref name="Fusion"/>) and dense mode.</summary>
public sealed record GateScores(string Version, FusionSettings Fusion, IReadOnlyList<double> Hybrid, IReadOnlyList<double> Dense);
