using GenQ.Contracts.Jobs;

namespace GenQ.Hybrid.Tuning;

/// <summary>The pairs a run trains on and the slice it keeps back to tune fusion on (never trained on).</summary>
public sealed record HoldOutSplit(IReadOnlyList<QueryPassagePair> Training, IReadOnlyList<QueryPassagePair> HeldOut);
