using System.ComponentModel;
using GenQ.Cli.Infrastructure;
using GenQ.Hybrid;
using GenQ.Hybrid.Fusion;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Commands;

/// <summary>Options of `genq evaluate`.</summary>
public sealed class EvaluateSettings : HybridTuningSettings
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

    [CommandOption("--modes <LIST>")]
    [Description("Search modes to report, comma-separated: dense (the model alone), bm25 (the Lucene baseline), hybrid (both fused, see --fusion).")]
    [DefaultValue("dense,bm25,hybrid")]
    public string Modes { get; init; } = "dense,bm25,hybrid";

    [CommandOption("--fusion <SETTING>")]
    [Description("Fusion of hybrid mode: rrf, rrf:<k>, weighted:<alpha> (alpha = dense weight) or auto (tune on held-out --tune-queries). Default: the model manifest's tuned setting, else rrf:60.")]
    public string? Fusion { get; init; }

    [CommandOption("--tune-queries <DIR>")]
    [Description("Folder written by 'genq generate' from this collection's corpus: --fusion auto tunes on its held-out slice (as 'genq train' holds it out).")]
    public string? TuneQueries { get; init; }

    [CommandOption("--bm25")]
    [Description("Also evaluate the Lucene BM25 baseline when --modes leaves it out.")]
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

    [CommandOption("--cache-dir <DIR>")]
    [Description("Read and write corpus embeddings in this cache (as 'genq search' does); without it the corpus is embedded every time.")]
    public string? CacheDirectory { get; init; }

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

    /// <summary>--modes parsed, with bm25 added by --bm25.</summary>
    public IReadOnlyList<SearchMode> ModeList()
    {
        var modes = SearchModes.ParseList(Modes).ToList();
        if (Bm25 && !modes.Contains(SearchMode.Bm25))
        {
            modes.Insert(0, SearchMode.Bm25);
        }

        return modes;
    }

    /// <summary>True for --fusion auto.</summary>
    public bool AutoFusion => string.Equals(Fusion?.Trim(), "auto", StringComparison.OrdinalIgnoreCase);

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Data) ? ValidationResult.Error("--data is required: a BEIR collection folder.")
        : OptionParsing.ErrorOf(() => ModeList()) is { } modes ? ValidationResult.Error($"--modes: {modes}")
        : Fusion is not null && !AutoFusion && OptionParsing.ErrorOf(() => FusionSettings.Parse(Fusion)) is { } fusion ? ValidationResult.Error($"--fusion: {fusion}")
        : AutoFusion && string.IsNullOrWhiteSpace(TuneQueries) ? ValidationResult.Error("--fusion auto needs --tune-queries: a folder written by 'genq generate' from this collection's corpus.")
        : !(HoldOut > 0 && HoldOut <= 0.5) ? ValidationResult.Error("--holdout must be above 0 and at most 0.5.")
        : BatchSize < 1 ? ValidationResult.Error("--batch-size must be at least 1.")
        : Provider.ToLowerInvariant() is "auto" or "cpu" or "cuda" ? ValidationResult.Success()
        : ValidationResult.Error($"--provider must be auto, cpu or cuda, not '{Provider}'.");
}
