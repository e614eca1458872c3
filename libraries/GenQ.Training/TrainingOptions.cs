using System.Globalization;
using GenQ.Training.Losses;

namespace GenQ.Training;

/// <summary>
/// Fine-tuning settings (the trainer worker binds them from the <c>Training</c> section, <see cref="SectionName"/>). Defaults follow the BEIR GenQ example
/// (sentence-transformers MNRL, AdamW 2e-5, 10 % warm-up); see each property for the reason of its default.
/// </summary>
public sealed class TrainingOptions
{
    public const string SectionName = "Training";

    /// <summary>1 epoch: GenQ generates several queries per passage, so one pass already shows each passage 3-5 times,
    /// and BEIR's example trains 1 epoch; more epochs on synthetic queries tend to overfit their noise.</summary>
    public int Epochs { get; set; } = 1;

    /// <summary>32: enough in-batch negatives for MNRL while a step stays a few seconds on a 2-core CPU (BEIR uses 64 on GPU).</summary>
    public int BatchSize { get; set; } = 32;

    public int MaxQueryLength { get; set; } = 64;

    public int MaxPassageLength { get; set; } = 256;

    public double LearningRate { get; set; } = 2e-5;

    public double WeightDecay { get; set; } = 0.01;

    /// <summary>Share of all optimiser steps spent warming up linearly from 0 (then linear decay to 0).</summary>
    public double WarmupFraction { get; set; } = 0.1;

    public double MaxGradNorm { get; set; } = 1.0;

    /// <summary>
    /// Loss to train with (config <c>mnrl</c> or <c>gpl</c>): MultipleNegativesRankingLoss (GenQ) or MarginMSELoss on
    /// teacher margins (GPL), which needs a hard negative and a teacher margin on every pair.
    /// </summary>
    public TrainingMethod Method { get; set; } = TrainingMethod.Mnrl;

    /// <summary>Settings of the MNRL loss (<see cref="TrainingMethod.Mnrl"/>).</summary>
    public MultipleNegativesRankingLossOptions Loss { get; set; } = new();

    /// <summary>Settings of the MarginMSE loss (<see cref="TrainingMethod.MarginMse"/>).</summary>
    public MarginMseLossOptions MarginMse { get; set; } = new();

    /// <summary>
    /// Stop after this many optimiser steps (null = no cap: every batch of every epoch). The learning-rate schedule is
    /// computed over the capped total, so warm-up and decay fit the budget instead of being cut off mid-schedule.
    /// </summary>
    public int? MaxSteps { get; set; }

    /// <summary>Group passages of similar length into batches (less padding, faster on CPU); batches are still shuffled.</summary>
    public bool LengthBucketing { get; set; }

    /// <summary>Seed of batch shuffling (seed + epoch) and of dropout (seed + step).</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Save a checkpoint every N optimiser steps (0 = only at the end of each epoch).</summary>
    public int CheckpointEverySteps { get; set; } = 100;

    /// <summary>
    /// Also save one when this many seconds passed since the last (0 = off). A step of a real model on a CPU takes
    /// seconds, so a step count alone can leave many minutes to redo after a crash; time bounds the loss either way.
    /// </summary>
    public int CheckpointEverySeconds { get; set; } = 60;

    /// <summary>Checkpoints kept on disk (the newest ones).</summary>
    public int CheckpointsToKeep { get; set; } = 2;

    /// <summary>Fewest pairs accepted: MNRL needs at least two pairs in a batch to have a negative.</summary>
    public int MinimumPairs { get; set; } = 2;

    /// <summary>Threads for TorchSharp on CPU; 0 keeps libtorch's default (one per core).</summary>
    public int TorchThreads { get; set; }

    /// <summary>"auto" (CUDA when TorchSharp sees it, else CPU), "cpu" or "cuda".</summary>
    public string Device { get; set; } = "auto";

    /// <summary>
    /// Dropout on attention probabilities; null keeps the base model's (0.1 for BERT/MiniLM, as sentence-transformers
    /// trains). 0 is a speed lever on CPU: it lets PyTorch use its fused attention kernel instead of materialising and
    /// masking the probabilities (see docs/benchmarks/training.md).
    /// </summary>
    public double? AttentionDropout { get; set; }

    /// <summary>
    /// Arithmetic of forward/backward (config key <c>Training:Precision</c>: Auto, Fp32, Bf16). Auto picks bf16 mixed
    /// precision on CPUs with native bfloat16 (AMX/AVX512-BF16: ≈4× the float32 GEMM rate, see
    /// docs/benchmarks/training.md) and float32 otherwise; the choice is logged. Weights, AdamW state, checkpoints and
    /// the exported ONNX model stay float32 either way.
    /// </summary>
    public TrainingPrecision Precision { get; set; } = TrainingPrecision.Auto;

    /// <summary>Log and report progress every N steps.</summary>
    public int LogEverySteps { get; set; } = 10;

    /// <summary>The settings as written into the exported manifest (invariant culture).</summary>
    /// <param name="resolvedPrecision">What <see cref="Precision"/> resolved to on this machine (it changes the weights a run reaches); null writes the configured value.</param>
    public IReadOnlyDictionary<string, string> Describe(TrainingPrecision? resolvedPrecision = null) => new Dictionary<string, string>
    {
        ["epochs"] = Epochs.ToString(CultureInfo.InvariantCulture),
        ["batchSize"] = BatchSize.ToString(CultureInfo.InvariantCulture),
        ["maxQueryLength"] = MaxQueryLength.ToString(CultureInfo.InvariantCulture),
        ["maxPassageLength"] = MaxPassageLength.ToString(CultureInfo.InvariantCulture),
        ["learningRate"] = LearningRate.ToString("R", CultureInfo.InvariantCulture),
        ["weightDecay"] = WeightDecay.ToString("R", CultureInfo.InvariantCulture),
        ["warmupFraction"] = WarmupFraction.ToString("R", CultureInfo.InvariantCulture),
        ["maxGradNorm"] = MaxGradNorm.ToString("R", CultureInfo.InvariantCulture),
        ["method"] = MethodName(Method),
        ["loss"] = Method == TrainingMethod.MarginMse ? "MarginMSELoss" : Loss.Symmetric ? "MultipleNegativesSymmetricRankingLoss" : "MultipleNegativesRankingLoss",
        ["scale"] = (Method == TrainingMethod.MarginMse ? MarginMse.Scale : Loss.Scale).ToString("R", CultureInfo.InvariantCulture),
        ["maxSteps"] = MaxSteps?.ToString(CultureInfo.InvariantCulture) ?? "none",
        ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
        ["sampler"] = LengthBucketing ? "NoDuplicates+LengthBuckets" : "NoDuplicates",
        ["attentionDropout"] = AttentionDropout?.ToString("R", CultureInfo.InvariantCulture) ?? "base",
        ["precision"] = (resolvedPrecision ?? Precision).ToString().ToLowerInvariant(),
    };

    /// <summary>The configuration name of a method (its enum name is ambiguous: <see cref="TrainingMethod.Gpl"/> is an alias).</summary>
    internal static string MethodName(TrainingMethod method) => method switch
    {
        TrainingMethod.Mnrl => "mnrl",
        TrainingMethod.MarginMse => "gpl",
        _ => ((int)method).ToString(CultureInfo.InvariantCulture),
    };
}
