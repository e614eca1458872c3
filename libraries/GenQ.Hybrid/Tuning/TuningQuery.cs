using GenQ.Hybrid.Fusion;

namespace GenQ.Hybrid.Tuning;

/// <summary>A held-out query's own passage with the dense and lexical candidate lists retrieved for it (best first).</summary>
public sealed record TuningQuery(string PassageId, IReadOnlyList<RankedCandidate> Dense, IReadOnlyList<RankedCandidate> Lexical);
