using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Service;

/// <summary>Options of `genq api promote`.</summary>
public sealed class PromoteSettings : ApiSettings
{
    [CommandOption("--name <NAME>")]
    [Description("Corpus (as ingested).")]
    public string Name { get; init; } = string.Empty;

    [CommandOption("--version <VERSION>")]
    [Description("Ready model version to make live (`genq api versions` lists them); an older one rolls back.")]
    public string Version { get; init; } = string.Empty;

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Name) ? ValidationResult.Error("--name is required.")
        : string.IsNullOrWhiteSpace(Version) ? ValidationResult.Error("--version is required.")
        : ValidationResult.Success();
}
