using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Service;

/// <summary>Options of `genq api status`.</summary>
public sealed class StatusSettings : ApiSettings
{
    [CommandArgument(0, "<RUN-ID>")]
    [Description("The run id printed by `genq api ingest` (or returned by POST /api/corpora/{name}/documents).")]
    public string RunId { get; init; } = string.Empty;

    [CommandOption("--watch")]
    [Description("Show live progress per stage until the run is ready or failed.")]
    [DefaultValue(false)]
    public bool Watch { get; init; }

    [CommandOption("--interval <SECONDS>")]
    [Description("Seconds between polls with --watch.")]
    [DefaultValue(1.0)]
    public double Interval { get; init; } = 1.0;

    [CommandOption("--timeout <MINUTES>")]
    [Description("Give up watching after this many minutes (0: never).")]
    [DefaultValue(0.0)]
    public double Timeout { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(RunId) ? ValidationResult.Error("the run id must not be empty.")
        : Interval <= 0 ? ValidationResult.Error("--interval must be positive.")
        : Timeout < 0 ? ValidationResult.Error("--timeout must not be negative.")
        : ValidationResult.Success();
}
