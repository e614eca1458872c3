using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Commands;

/// <summary>Options of `genq evaluate`.</summary>
public sealed class EvaluateSettings : CommandSettings
{
    [CommandOption("--model <MODEL>")]
    [Description("Model to evaluate: 'default' (all-MiniLM-L6-v2, zero-shot), a model folder, or a folder written by 'genq train' (newest version).")]
    [DefaultValue("default")]
    public string Model { get; init; } = "default";

    [CommandOption("--data <DIR>")]
    [Description("BEIR collection folder: corpus.jsonl, queries.jsonl, qrels/<split>.tsv.")]
    public string Data { get; init; } = string.Empty;

    [CommandOption("--split <NAME>")]
    [Description("Qrels file to judge with (qrels/<NAME>.tsv).")]
    [DefaultValue("test")]
    public string Split { get; init; } = "test";

    [CommandOption("--bm25")]
    [Description("Also evaluate the Lucene BM25 baseline (StandardAnalyzer, title + text, k1 0.9, b 0.4).")]
    [DefaultValue(false)]
    public bool Bm25 { get; init; }

    [CommandOption("--zero-shot")]
    [Description("Also evaluate the base model all-MiniLM-L6-v2 without adaptation (when --model is another model).")]
    [DefaultValue(false)]
    public bool ZeroShot { get; init; }

    [CommandOption("--json")]
    [Description("Print the report as JSON instead of a table.")]
    [DefaultValue(false)]
    public bool Json { get; init; }

    [CommandOption("--report <PATH>")]
    [Description("Also write the report to <PATH>.md and <PATH>.json.")]
    public string? Report { get; init; }

    [CommandOption("--batch-size <N>")]
    [Description("Texts per ONNX Runtime call when embedding.")]
    [DefaultValue(32)]
    public int BatchSize { get; init; } = 32;

    [CommandOption("--threads <N>")]
    [Description("ONNX Runtime intra-op threads (0: ONNX Runtime decides).")]
    [DefaultValue(0)]
    public int Threads { get; init; }

    [CommandOption("--provider <PROVIDER>")]
    [Description("auto (CUDA if it loads, else CPU), cpu or cuda.")]
    [DefaultValue("auto")]
    public string Provider { get; init; } = "auto";

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Data) ? ValidationResult.Error("--data is required: a BEIR collection folder.")
        : BatchSize < 1 ? ValidationResult.Error("--batch-size must be at least 1.")
        : Provider.ToLowerInvariant() is "auto" or "cpu" or "cuda" ? ValidationResult.Success()
        : ValidationResult.Error($"--provider must be auto, cpu or cuda, not '{Provider}'.");
}
