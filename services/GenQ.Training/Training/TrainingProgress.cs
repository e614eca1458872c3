namespace GenQ.Training.Training;

/// <summary>A progress report of a running fine-tune (also published as metrics on the <c>GenQ.Training</c> meter).</summary>
public sealed record TrainingProgress(
    int Step,
    int TotalSteps,
    int Epoch,
    double Loss,
    double LearningRate,
    double StepsPerSecond,
    double PairsPerSecond,
    TimeSpan EstimatedTimeRemaining);
