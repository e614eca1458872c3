using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Commands;

/// <summary>Options of `genq generate`; defaults are GenQ.Generation's (BEIR's GenQ settings).</summary>
public sealed class GenerateSettings : CommandSettings
{
    [CommandOption("--model <MODEL>")]
    [Description("A T5 query-generation model folder in the Hugging Face Optimum ONNX layout, or 'fallback' for the model-free inverse-cloze generator.")]
    public string Model { get; init; } = string.Empty;

    [CommandOption("--corpus <FILE>")]
    [Description("BEIR corpus.jsonl: one {\"_id\", \"title\", \"text\"} object per line.")]
    public string Corpus { get; init; } = string.Empty;

    [CommandOption("--out <DIR>")]
    [Description("Output folder: gen-queries.jsonl, gen-qrels/train.tsv, generation.json. An interrupted run in it is resumed.")]
    public string Out { get; init; } = string.Empty;

    [CommandOption("--queries-per-passage <N>")]
    [Description("Queries generated per passage.")]
    [DefaultValue(3)]
    public int QueriesPerPassage { get; init; } = 3;

    [CommandOption("--top-p <P>")]
    [Description("Nucleus sampling: keep the smallest set of tokens whose probability reaches P.")]
    [DefaultValue(0.95)]
    public double TopP { get; init; } = 0.95;

    [CommandOption("--top-k <K>")]
    [Description("Sample only among the K most likely tokens (default: off).")]
    public int? TopK { get; init; }

    [CommandOption("--temperature <T>")]
    [Description("Softmax temperature when sampling.")]
    [DefaultValue(1.0)]
    public double Temperature { get; init; } = 1.0;

    [CommandOption("--max-length <TOKENS>")]
    [Description("Most tokens generated per query.")]
    [DefaultValue(64)]
    public int MaxLength { get; init; } = 64;

    [CommandOption("--max-input-tokens <TOKENS>")]
    [Description("Passages are truncated to this many tokens (including </s>).")]
    [DefaultValue(300)]
    public int MaxInputTokens { get; init; } = 300;

    [CommandOption("--greedy")]
    [Description("Greedy decoding instead of sampling: deterministic, whatever the batch size.")]
    [DefaultValue(false)]
    public bool Greedy { get; init; }

    [CommandOption("--seed <SEED>")]
    [Description("Seed of sampling (and of the fallback's choices); default: fresh randomness for T5, 0 for the fallback.")]
    public int? Seed { get; init; }

    [CommandOption("--batch-size <N>")]
    [Description("Passages encoded and decoded together.")]
    [DefaultValue(8)]
    public int BatchSize { get; init; } = 8;

    [CommandOption("--threads <N>")]
    [Description("ONNX Runtime intra-op threads (0: ONNX Runtime decides).")]
    [DefaultValue(0)]
    public int Threads { get; init; }

    [CommandOption("--provider <PROVIDER>")]
    [Description("Where the T5 model runs: auto (CUDA if it loads, else CPU), cpu or cuda (fail without CUDA).")]
    [DefaultValue("auto")]
    public string Provider { get; init; } = "auto";

    [CommandOption("--int8")]
    [Description("Load the model's dynamic-int8 graphs (*_quantized.onnx, see the generation README). Opt-in: faster on CPU, not yet shown to keep query quality on a real model.")]
    [DefaultValue(false)]
    public bool Int8 { get; init; }

    [CommandOption("-v|--verbose")]
    [Description("Print the libraries' informational logs.")]
    [DefaultValue(false)]
    public bool Verbose { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Model))
        {
            return ValidationResult.Error("--model is required: a T5 model folder or 'fallback'.");
        }

        if (string.IsNullOrWhiteSpace(Corpus))
        {
            return ValidationResult.Error("--corpus is required.");
        }

        if (string.IsNullOrWhiteSpace(Out))
        {
            return ValidationResult.Error("--out is required.");
        }

        return Provider.ToLowerInvariant() is "auto" or "cpu" or "cuda"
            ? ValidationResult.Success()
            : ValidationResult.Error($"--provider must be auto, cpu or cuda, not '{Provider}'.");
    }
}
