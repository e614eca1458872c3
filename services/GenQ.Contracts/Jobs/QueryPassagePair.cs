namespace GenQ.Contracts.Jobs;

/// <summary>A synthetic query and the id of the passage it was generated from (the positive).</summary>
public sealed record QueryPassagePair(string Query, string PassageId);
