namespace GenQ.Training.Training;

/// <summary>One generated training example: a query, the passage it was generated from, optionally a hard negative.</summary>
public sealed record TrainingPair(string Query, string Passage, string? HardNegative = null);
