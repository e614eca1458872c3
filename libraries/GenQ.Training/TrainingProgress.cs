namespace GenQ.Training;

/// <summary>A progress report of a running fine-tune (also published as metrics on the <c>GenQ.Training</c> meter).</summary>
/// <param name="ResumedFromStep">The checkpoint's step this process started from (0: from the base model).</param>
public sealed record TrainingProgress(
    int Step,
    int TotalSteps,
    int Epoch,
    double Loss,
    double LearningRate,
    double StepsPerSecond,
    double PairsPerSecond,
    TimeSpan EstimatedTimeRemaining,
    int ResumedFromStep = 0);
