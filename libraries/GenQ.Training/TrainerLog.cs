using Microsoft.Extensions.Logging;

namespace GenQ.Training;

internal static partial class TrainerLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Training on {Device}: {Pairs} pairs, {Steps} steps ({Epochs} epoch(s), batch {BatchSize}), base '{BaseModel}'")]
    public static partial void Starting(ILogger logger, string device, int pairs, int steps, int epochs, int batchSize, string baseModel);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information,
        Message = "Step {Step}/{TotalSteps} epoch {Epoch}: loss {Loss:F4}, lr {LearningRate:E2}, {StepsPerSecond:F2} steps/s, {PairsPerSecond:F1} pairs/s, ETA {Eta}")]
    public static partial void Progress(ILogger logger, int step, int totalSteps, int epoch, double loss, double learningRate, double stepsPerSecond, double pairsPerSecond, TimeSpan eta);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Resuming from checkpoint {Path} at step {Step}")]
    public static partial void Resuming(ILogger logger, string path, int step);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Checkpoint saved at step {Step}: {Path}")]
    public static partial void CheckpointSaved(ILogger logger, int step, string path);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Exported model version {Version} to {Path} (final loss {Loss:F4})")]
    public static partial void Exported(ILogger logger, string version, string path, double loss);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning,
        Message = "Batch size {BatchSize} exceeds the {Pairs} training pairs; using batches of {Effective}")]
    public static partial void BatchSizeReduced(ILogger logger, int batchSize, int pairs, int effective);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "CUDA not available to TorchSharp; training on CPU")]
    public static partial void CpuFallback(ILogger logger);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "Training precision {Precision} ({Reason}); weights, optimiser and export stay float32")]
    public static partial void PrecisionChosen(ILogger logger, string precision, string reason);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Information,
        Message = "TrainingOptions.MaxSteps caps the run at {Steps} of {AllSteps} steps; the learning-rate schedule spans the capped total")]
    public static partial void StepsCapped(ILogger logger, int steps, int allSteps);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information,
        Message = "Training cancelled after step {Step}/{TotalSteps}; a restart resumes from its latest checkpoint")]
    public static partial void Cancelled(ILogger logger, int step, int totalSteps);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information,
        Message = "Memory released after the run: anonymous RSS {BeforeMiB:F0} -> {AfterMiB:F0} MiB (full GC, malloc_trim)")]
    public static partial void MemoryReleased(ILogger logger, double beforeMiB, double afterMiB);
}
