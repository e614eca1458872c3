using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Service;

/// <summary>Options of `genq api evaluate`.</summary>
public sealed class ApiEvaluateSettings : ApiSettings
{
    [CommandOption("--name <NAME>")]
    [Description("Corpus to evaluate (as ingested).")]
    public string Name { get; init; } = string.Empty;

    [CommandOption("--data <DIR>")]
    [Description("BEIR folder with queries.jsonl and qrels/<split>.tsv.")]
    public string? Data { get; init; }

    [CommandOption("--queries <FILE>")]
    [Description("queries.jsonl (instead of, or overriding, --data).")]
    public string? Queries { get; init; }

    [CommandOption("--qrels <FILE>")]
    [Description("qrels TSV with header 'query-id corpus-id score' (instead of, or overriding, --data).")]
    public string? Qrels { get; init; }

    [CommandOption("--split <SPLIT>")]
    [Description("qrels split in the BEIR folder.")]
    [DefaultValue("test")]
    public string Split { get; init; } = "test";

    [CommandOption("--modes <MODES>")]
    [Description("Comma list of dense, bm25, hybrid (default: every mode the API has for the corpus).")]
    public string? Modes { get; init; }

    [CommandOption("--versions <WHICH>")]
    [Description("live (default: the live and the zero-shot base versions) or all (superseded versions too).")]
    public string? Versions { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Name) ? ValidationResult.Error("--name is required.")
        : Data is null && (Queries is null || Qrels is null) ? ValidationResult.Error("give --data <BEIR folder>, or --queries and --qrels.")
        : ValidationResult.Success();
}
