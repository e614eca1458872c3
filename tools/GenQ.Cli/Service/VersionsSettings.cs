using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Service;

/// <summary>Options of `genq api versions`.</summary>
public sealed class VersionsSettings : ApiSettings
{
    [CommandOption("--name <NAME>")]
    [Description("Corpus whose model versions to list (as ingested).")]
    public string Name { get; init; } = string.Empty;

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Name) ? ValidationResult.Error("--name is required.") : ValidationResult.Success();
}
