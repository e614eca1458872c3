namespace GenQ.Training;

/// <summary>
/// One training example: a query, the passage it was generated from, optionally a hard negative and, for GPL
/// (<see cref="TrainingMethod.MarginMse"/>), the teacher's margin score(query, passage) − score(query, negative) on the
/// student's cosine scale.
/// </summary>
public sealed record TrainingPair(string Query, string Passage, string? HardNegative = null, double? TeacherMargin = null);
