using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Commands;

/// <summary>Options of `genq train`; defaults are GenQ.Training's <c>TrainingOptions</c> (the trainer worker's).</summary>
public sealed class TrainSettings : HybridTuningSettings
{
    [CommandOption("--data <DIR>")]
    [Description("Folder written by 'genq generate' (gen-queries.jsonl, gen-qrels/train.tsv, generation.json).")]
    public string Data { get; init; } = string.Empty;

    [CommandOption("--corpus <FILE>")]
    [Description("The corpus.jsonl the queries were generated from (the passages are the positives).")]
    public string Corpus { get; init; } = string.Empty;

    [CommandOption("--base <MODEL>")]
    [Description("Model to fine-tune: 'default' (all-MiniLM-L6-v2), a model folder, or a folder written by 'genq train'.")]
    [DefaultValue("default")]
    public string Base { get; init; } = "default";

    [CommandOption("--out <DIR>")]
    [Description("Model store: the model is exported to <DIR>/vNNNN (model.onnx, vocab.txt, manifest.json), checkpoints go to <DIR>/.checkpoints.")]
    public string Out { get; init; } = string.Empty;

    [CommandOption("--epochs <N>")]
    [Description("Passes over the pairs.")]
    [DefaultValue(1)]
    public int Epochs { get; init; } = 1;

    [CommandOption("--batch-size <N>")]
    [Description("Pairs per step (in-batch negatives for MultipleNegativesRankingLoss).")]
    [DefaultValue(32)]
    public int BatchSize { get; init; } = 32;

    [CommandOption("--learning-rate <LR>")]
    [Description("AdamW peak learning rate.")]
    [DefaultValue(2e-5)]
    public double LearningRate { get; init; } = 2e-5;

    [CommandOption("--warmup <FRACTION>")]
    [Description("Share of steps spent warming the learning rate up linearly (then linear decay).")]
    [DefaultValue(0.1)]
    public double Warmup { get; init; } = 0.1;

    [CommandOption("--max-query-length <TOKENS>")]
    [Description("Queries are truncated to this many tokens.")]
    [DefaultValue(64)]
    public int MaxQueryLength { get; init; } = 64;

    [CommandOption("--max-passage-length <TOKENS>")]
    [Description("Passages are truncated to this many tokens.")]
    [DefaultValue(256)]
    public int MaxPassageLength { get; init; } = 256;

    [CommandOption("--seed <SEED>")]
    [Description("Seed of batch shuffling and dropout.")]
    [DefaultValue(42)]
    public int Seed { get; init; } = 42;

    [CommandOption("--checkpoint-every <STEPS>")]
    [Description("Save a checkpoint every N steps (0: only at epoch ends).")]
    [DefaultValue(100)]
    public int CheckpointEvery { get; init; } = 100;

    [CommandOption("--resume")]
    [Description("Continue an interrupted run from its last checkpoint (without it, old checkpoints of this run are discarded).")]
    [DefaultValue(false)]
    public bool Resume { get; init; }

    [CommandOption("--threads <N>")]
    [Description("TorchSharp CPU threads (0: one per core).")]
    [DefaultValue(0)]
    public int Threads { get; init; }

    [CommandOption("--device <DEVICE>")]
    [Description("auto (CUDA if TorchSharp sees it, else CPU), cpu or cuda.")]
    [DefaultValue("auto")]
    public string Device { get; init; } = "auto";

    [CommandOption("--max-pairs <N>")]
    [Description("Training budget: train on at most N pairs, sampled with --seed (default: all). Held-out pairs are chosen first.")]
    public int? MaxPairs { get; init; }

    [CommandOption("--max-steps <N>")]
    [Description("Training budget: stop after N optimiser steps (the learning-rate schedule fits the budget).")]
    public int? MaxSteps { get; init; }

    [CommandOption("--method <METHOD>")]
    [Description("mnrl: MultipleNegativesRankingLoss on in-batch negatives (GenQ); gpl: MarginMSE on hard negatives mined with --live, with margins from --teacher (GPL).")]
    [DefaultValue("mnrl")]
    public string Method { get; init; } = "mnrl";

    [CommandOption("--hard-negatives")]
    [Description("mnrl: add a hard negative per pair, mined from ranks 10-50 of --live's dense and BM25 lists (gpl always mines).")]
    [DefaultValue(false)]
    public bool HardNegatives { get; init; }

    [CommandOption("--teacher <TEACHER>")]
    [Description("gpl: 'hybrid' (the live model's cosine and BM25, mixed 50/50: no extra model) or a cross-encoder folder exported with Optimum (model.onnx + vocab.txt).")]
    [DefaultValue("hybrid")]
    public string Teacher { get; init; } = "hybrid";

    [CommandOption("--drop-copies")]
    [Description("Leave out pairs whose query is a verbatim copy of its positive (the fallback generator's titles and key phrases teach copy matching).")]
    [DefaultValue(false)]
    public bool DropCopies { get; init; }

    [CommandOption("--live <MODEL>")]
    [Description("The model the new one must beat to be promoted (the promotion gate, on the held-out passages' queries) and that mines hard negatives: 'default' (all-MiniLM-L6-v2), a model folder, or a model store. Default: the --base model, what a corpus serves before its first run.")]
    public string Live { get; init; } = "";

    /// <summary>--live, or the --base model when it is not given.</summary>
    public string LiveOrBase => string.IsNullOrWhiteSpace(Live) ? Base : Live;

    [CommandOption("--gate-margin <MRR>")]
    [Description("Hybrid MRR@10 gain over --live that promotes: the paired bootstrap's 95 % interval of the gain must lie above it (and dense MRR@10 may lose at most 0.02)")]
    [DefaultValue(0.02)]
    public double GateMargin { get; init; } = 0.02;

    [CommandOption("-v|--verbose")]
    [Description("Print the trainer's informational logs.")]
    [DefaultValue(false)]
    public bool Verbose { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Data) ? ValidationResult.Error("--data is required: a folder written by 'genq generate'.")
        : string.IsNullOrWhiteSpace(Corpus) ? ValidationResult.Error("--corpus is required.")
        : string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out is required.")
        : !(HoldOut >= 0 && HoldOut <= 0.5) ? ValidationResult.Error($"--holdout must be between 0 and 0.5, not {HoldOut.ToString(System.Globalization.CultureInfo.InvariantCulture)}.")
        : HoldOutMax < 0 ? ValidationResult.Error("--holdout-max must not be negative.")
        : MaxPairs is < 1 ? ValidationResult.Error("--max-pairs must be at least 1.")
        : MaxSteps is < 1 ? ValidationResult.Error("--max-steps must be at least 1.")
        : Method is not ("mnrl" or "gpl") ? ValidationResult.Error($"--method must be mnrl or gpl, not '{Method}'.")
        : !(GateMargin >= 0 && GateMargin < 1) ? ValidationResult.Error("--gate-margin must be between 0 and 1 (an MRR@10 difference).")
        : ValidationResult.Success();
}
