using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Service;

/// <summary>Options of `genq api search` (search through the search API).</summary>
public sealed class ApiSearchSettings : ApiSettings
{
    public const int MaxTopK = 100;

    [CommandArgument(0, "<QUERY>")]
    [Description("What to search for.")]
    public string Query { get; init; } = string.Empty;

    [CommandOption("--name <NAME>")]
    [Description("Corpus to search (as ingested).")]
    public string Name { get; init; } = string.Empty;

    [CommandOption("--top-k <K>")]
    [Description("Hits shown (1-100).")]
    [DefaultValue(10)]
    public int TopK { get; init; } = 10;

    [CommandOption("--mode <MODE>")]
    [Description("dense, bm25 or hybrid (default: the API's default mode).")]
    public string? Mode { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Query) ? ValidationResult.Error("the query must not be empty.")
        : string.IsNullOrWhiteSpace(Name) ? ValidationResult.Error("--name is required.")
        : TopK is < 1 or > MaxTopK ? ValidationResult.Error($"--top-k must be between 1 and {MaxTopK}.")
        : Mode is not (null or "dense" or "bm25" or "hybrid") ? ValidationResult.Error("--mode must be dense, bm25 or hybrid.")
        : ValidationResult.Success();
}
