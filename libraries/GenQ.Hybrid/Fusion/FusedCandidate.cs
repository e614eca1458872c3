namespace GenQ.Hybrid.Fusion;

/// <summary>
/// One fused hit with where it came from: its 1-based rank and raw score in the dense and the lexical list (null where
/// that side did not return it), so a search result can explain itself.
/// </summary>
public sealed record FusedCandidate(string Id, double Score, int? DenseRank, double? DenseScore, int? LexicalRank, double? LexicalScore);
