namespace GenQ.Training.Checkpointing;

/// <summary>
/// Everything besides tensors that a resumed run needs (<c>trainer-state.json</c>): the next step, where the sampler
/// stands (epoch, batch within the epoch), and fingerprints that must match the run being resumed.
/// The learning-rate schedule is a function of the step, so the step is its whole state.
/// </summary>
public sealed record CheckpointState
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Optimiser steps completed.</summary>
    public required int Step { get; init; }

    public required int Epoch { get; init; }

    /// <summary>Batches of <see cref="Epoch"/> already trained on.</summary>
    public required int BatchInEpoch { get; init; }

    public required int TotalSteps { get; init; }

    public required double LastLoss { get; init; }

    /// <summary>Size and name of the base model; resuming on a different base is refused.</summary>
    public required string BaseModelFingerprint { get; init; }

    /// <summary>Hash of the training pairs and the options that shape the step sequence.</summary>
    public required string RunFingerprint { get; init; }

    /// <summary>SHA-256 of model.safetensors and optimizer.bin, checked before loading.</summary>
    public required string ModelSha256 { get; init; }

    public required string OptimizerSha256 { get; init; }
}
