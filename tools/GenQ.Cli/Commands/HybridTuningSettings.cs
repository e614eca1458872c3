using System.ComponentModel;
using Spectre.Console.Cli;

namespace GenQ.Cli.Commands;

/// <summary>
/// How hybrid fusion is tuned on held-out generated queries: shared by 'genq train' (tunes its model after export) and
/// 'genq evaluate --fusion auto' (tunes on --tune-queries), so both hold out and score the same slice the same way.
/// </summary>
public abstract class HybridTuningSettings : CommandSettings
{
    [CommandOption("--holdout <FRACTION>")]
    [Description("Share of the generated pairs held out, in whole passages (a stable hash of the passage id chooses them, at most --holdout-max pairs): 'genq train' never trains on a held-out passage's queries and uses them to tune hybrid fusion and to gate the new model against the live one (0: no tuning, no gate evidence).")]
    [DefaultValue(0.1)]
    public double HoldOut { get; init; } = GenQ.Hybrid.Tuning.HoldOut.DefaultFraction;

    [CommandOption("--holdout-max <N>")]
    [Description("At most this many held-out pairs.")]
    [DefaultValue(1000)]
    public int HoldOutMax { get; init; } = GenQ.Hybrid.Tuning.HoldOut.DefaultMax;

    [CommandOption("--no-positive-swap")]
    [Description("Tune against the held-out passages as they are instead of their positive texts (gen-positives.jsonl: inverse cloze removes the query sentence).")]
    [DefaultValue(false)]
    public bool NoPositiveSwap { get; init; }

    [CommandOption("--keep-copies")]
    [Description("Also tune on held-out queries that copy their own passage verbatim (the fallback generator's titles and key phrases), which favour BM25.")]
    [DefaultValue(false)]
    public bool KeepCopies { get; init; }
}
