using System.ComponentModel;
using GenQ.Cli.Infrastructure;
using GenQ.Hybrid;
using GenQ.Hybrid.Fusion;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Commands;

/// <summary>Options of `genq search`.</summary>
public sealed class SearchSettings : CommandSettings
{
    [CommandArgument(0, "<QUERY>")]
    [Description("What to search for.")]
    public string Query { get; init; } = string.Empty;

    [CommandOption("--model <MODEL>")]
    [Description("'default' (all-MiniLM-L6-v2), a model folder, or a folder written by 'genq train' (newest version).")]
    [DefaultValue("default")]
    public string Model { get; init; } = "default";

    [CommandOption("--corpus <FILE>")]
    [Description("BEIR corpus.jsonl to search.")]
    public string Corpus { get; init; } = string.Empty;

    [CommandOption("--mode <MODE>")]
    [Description("dense (the model), bm25 (Lucene BM25, no model needed) or hybrid (both fused, see --fusion).")]
    [DefaultValue("dense")]
    public string Mode { get; init; } = "dense";

    [CommandOption("--fusion <SETTING>")]
    [Description("Hybrid fusion: rrf, rrf:<k> or weighted:<alpha> (alpha = dense weight). Default: the model manifest's tuned setting, else rrf:60.")]
    public string? Fusion { get; init; }

    [CommandOption("--top <K>")]
    [Description("Hits shown.")]
    [DefaultValue(10)]
    public int Top { get; init; } = 10;

    [CommandOption("--cache-dir <DIR>")]
    [Description("Where corpus embeddings are cached (default: $GENQ_CACHE/embeddings or ~/.cache/genq/embeddings).")]
    public string? CacheDirectory { get; init; }

    [CommandOption("--no-cache")]
    [Description("Embed the corpus again and do not read or write the cache.")]
    [DefaultValue(false)]
    public bool NoCache { get; init; }

    [CommandOption("--json")]
    [Description("Print the hits as JSON.")]
    [DefaultValue(false)]
    public bool Json { get; init; }

    [CommandOption("--provider <PROVIDER>")]
    [Description("auto (CUDA if it loads, else CPU), cpu or cuda.")]
    [DefaultValue("auto")]
    public string Provider { get; init; } = "auto";

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Query) ? ValidationResult.Error("the query must not be empty.")
        : string.IsNullOrWhiteSpace(Corpus) ? ValidationResult.Error("--corpus is required.")
        : Top < 1 ? ValidationResult.Error("--top must be at least 1.")
        : OptionParsing.ErrorOf(() => SearchModes.Parse(Mode)) is { } mode ? ValidationResult.Error($"--mode: {mode}")
        : Fusion is not null && OptionParsing.ErrorOf(() => FusionSettings.Parse(Fusion)) is { } fusion ? ValidationResult.Error($"--fusion: {fusion}")
        : ValidationResult.Success();
}
