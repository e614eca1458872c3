using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Service;

/// <summary>Options of `genq api ingest`.</summary>
public sealed class IngestSettings : ApiSettings
{
    [CommandOption("--corpus <FILE>")]
    [Description("BEIR corpus.jsonl ({\"_id\",\"title\",\"text\"} per line) or a .txt file (one document per line).")]
    public string Corpus { get; init; } = string.Empty;

    [CommandOption("--name <NAME>")]
    [Description("Corpus name (default: the file's folder, e.g. cranfield).")]
    public string? Name { get; init; }

    [CommandOption("--append")]
    [Description("Add the documents to the existing corpus (mode=append): searchable at once with the live model, retrained with the rest once enough new passages arrived. Default: the upload replaces the corpus.")]
    public bool Append { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Corpus) ? ValidationResult.Error("--corpus is required.") : ValidationResult.Success();
}
