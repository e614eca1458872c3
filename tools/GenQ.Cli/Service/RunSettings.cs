using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Service;

/// <summary>Options of `genq api run`.</summary>
public sealed class RunSettings : ApiSettings
{
    [CommandOption("--corpus <FILE>")]
    [Description("BEIR corpus.jsonl (or a .txt file, one document per line).")]
    public string Corpus { get; init; } = string.Empty;

    [CommandOption("--eval <DIR>")]
    [Description("BEIR folder with queries.jsonl and qrels/<split>.tsv: evaluate when the run is ready.")]
    public string? Eval { get; init; }

    [CommandOption("--name <NAME>")]
    [Description("Corpus name (default: the corpus file's folder, e.g. cranfield).")]
    public string? Name { get; init; }

    [CommandOption("--split <SPLIT>")]
    [Description("qrels split in the --eval folder.")]
    [DefaultValue("test")]
    public string Split { get; init; } = "test";

    [CommandOption("--modes <MODES>")]
    [Description("Evaluation modes: comma list of dense, bm25, hybrid (default: all the API has).")]
    public string? Modes { get; init; }

    [CommandOption("--interval <SECONDS>")]
    [Description("Seconds between status polls.")]
    [DefaultValue(2.0)]
    public double Interval { get; init; } = 2.0;

    [CommandOption("--timeout <MINUTES>")]
    [Description("Give up waiting for the run after this many minutes (0: never).")]
    [DefaultValue(0.0)]
    public double Timeout { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Corpus) ? ValidationResult.Error("--corpus is required.")
        : Interval <= 0 ? ValidationResult.Error("--interval must be positive.")
        : Timeout < 0 ? ValidationResult.Error("--timeout must not be negative.")
        : ValidationResult.Success();
}
