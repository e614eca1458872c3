namespace GenQ.Hybrid.Tuning;

/// <summary>A held-out synthetic query and the passage it was generated from (its one relevant passage).</summary>
public sealed record HeldOutQuery(string Query, string PassageId);
