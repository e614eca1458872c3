namespace GenQ.Contracts.Jobs;

/// <summary>
/// A synthetic query and the id of the passage it was generated from (the positive). <see cref="PositiveText"/> is set
/// when the generator trains against a changed positive (inverse cloze removes the query sentence from the passage).
/// </summary>
public sealed record QueryPassagePair(string Query, string PassageId, string? PositiveText = null);
