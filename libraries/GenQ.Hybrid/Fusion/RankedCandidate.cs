namespace GenQ.Hybrid.Fusion;

/// <summary>One hit of a single retriever; a candidate list is ordered best first and its position is the rank.</summary>
public sealed record RankedCandidate(string Id, double Score);
