namespace GenQ.Training;

/// <summary>
/// What the trainer optimises (config key <c>Training:Method</c>; values bind case-insensitively by name, so
/// <c>mnrl</c>, <c>gpl</c> and <c>marginmse</c> all work).
/// </summary>
public enum TrainingMethod
{
    /// <summary>GenQ: MultipleNegativesRankingLoss on (query, passage[, hard negative]) with in-batch negatives.</summary>
    Mnrl = 0,

    /// <summary>
    /// GPL: MarginMSELoss on (query, positive, hard negative, teacher margin); every pair needs
    /// <see cref="TrainingPair.HardNegative"/> and <see cref="TrainingPair.TeacherMargin"/>.
    /// </summary>
    MarginMse = 1,

    /// <summary>Configuration alias of <see cref="MarginMse"/>: GPL is the method's name in the literature and in <c>genq</c>.</summary>
    Gpl = MarginMse,
}
