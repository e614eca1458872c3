using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Commands;

/// <summary>Options of `genq gate`.</summary>
public sealed class GateSettings : HybridTuningSettings
{
    [CommandOption("--model <DIR>")]
    [Description("The model folder to judge (a vNNNN folder written by 'genq train').")]
    public string Model { get; init; } = string.Empty;

    [CommandOption("--data <DIR>")]
    [Description("The folder written by 'genq generate' that the model was trained from (its held-out passages are the evidence).")]
    public string Data { get; init; } = string.Empty;

    [CommandOption("--corpus <FILE>")]
    [Description("The corpus.jsonl the queries were generated from.")]
    public string Corpus { get; init; } = string.Empty;

    [CommandOption("--live <MODEL>")]
    [Description("The model to beat: 'default' (the base model), a model folder, or a model store.")]
    [DefaultValue("default")]
    public string Live { get; init; } = "default";

    [CommandOption("--gate-margin <MRR>")]
    [Description("Hybrid MRR@10 gain over --live that promotes: the paired bootstrap's 95 % interval of the gain must lie above it (and dense MRR@10 may lose at most 0.02)")]
    [DefaultValue(0.02)]
    public double GateMargin { get; init; } = 0.02;

    [CommandOption("--threads <N>")]
    [Description("ONNX Runtime intra-op threads (0: ONNX Runtime decides).")]
    [DefaultValue(0)]
    public int Threads { get; init; }

    [CommandOption("--device <DEVICE>")]
    [Description("auto (CUDA if it loads, else CPU) or cpu.")]
    [DefaultValue("auto")]
    public string Device { get; init; } = "auto";

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Model) ? ValidationResult.Error("--model is required: a model folder written by 'genq train'.")
        : string.IsNullOrWhiteSpace(Data) ? ValidationResult.Error("--data is required: the folder written by 'genq generate'.")
        : string.IsNullOrWhiteSpace(Corpus) ? ValidationResult.Error("--corpus is required.")
        : !(HoldOut > 0 && HoldOut <= 0.5) ? ValidationResult.Error("--holdout must be above 0 and at most 0.5 (the gate needs held-out passages).")
        : !(GateMargin >= 0 && GateMargin < 1) ? ValidationResult.Error("--gate-margin must be between 0 and 1 (an MRR@10 difference).")
        : ValidationResult.Success();
}
