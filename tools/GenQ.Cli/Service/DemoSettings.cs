using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Service;

/// <summary>Options of `genq api demo`.</summary>
public sealed class DemoSettings : ApiSettings
{
    public const string Corpus = "dotnet-api";

    [CommandOption("--query <TEXT>")]
    [Description("The sample search shown once the demo corpus is searchable.")]
    [DefaultValue("how do I read a file line by line")]
    public string Query { get; init; } = "how do I read a file line by line";

    [CommandOption("--interval <SECONDS>")]
    [Description("Seconds between polls while the corpus is being indexed.")]
    [DefaultValue(2.0)]
    public double Interval { get; init; } = 2.0;

    [CommandOption("--timeout <MINUTES>")]
    [Description("Give up waiting for the corpus to become searchable after this many minutes.")]
    [DefaultValue(30.0)]
    public double Timeout { get; init; } = 30.0;

    [CommandOption("--reingest")]
    [Description("Start a new demo run even when dotnet-api is already searchable.")]
    [DefaultValue(false)]
    public bool Reingest { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Query) ? ValidationResult.Error("--query must not be empty.")
        : Interval <= 0 ? ValidationResult.Error("--interval must be positive.")
        : Timeout <= 0 ? ValidationResult.Error("--timeout must be positive.")
        : ValidationResult.Success();
}
