namespace GenQ.Adaptation.Mining;

/// <summary>The mined examples, in input order, and how many pairs found no negative in the window (left out).</summary>
public sealed record MiningResult(IReadOnlyList<MinedExample> Examples, int WithoutNegative);
