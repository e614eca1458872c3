using GenQ.Cli.Infrastructure;
using GenQ.Cli.Local;
using GenQ.Evaluation.Data;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Commands;

/// <summary>
/// `genq gate`: re-tunes hybrid fusion and re-runs the promotion gate for a model folder `genq train` wrote, on the same
/// held-out passages (same --holdout), against --live — e.g. after the gate's rules changed, or against another live model.
/// </summary>
public sealed class GateCommand(CliConsole console) : AsyncCommand<GateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, GateSettings settings, CancellationToken cancellationToken)
    {
        var layout = new GenerationLayout(Path.GetFullPath(settings.Data));
        var corpusPath = Path.GetFullPath(settings.Corpus);
        var corpus = BeirReader.ReadCorpus(corpusPath);
        var split = TrainCommand.ReadSplit(layout, corpus, corpusPath, settings.HoldOut, settings.HoldOutMax);
        var model = ModelResolver.Resolve(settings.Model);
        using var loggers = new CliLoggerFactory(console, LogLevel.Warning);
        var (tuning, promotion) = await ModelReview.TuneAndGateAsync(console, model.Path, corpus, split.HeldOut,
            new ModelReviewSettings(settings.Live, settings.GateMargin, !settings.NoPositiveSwap, !settings.KeepCopies, settings.Device, settings.Threads),
            loggers, cancellationToken);
        console.Out.MarkupLineInterpolated($"Hybrid search: {HybridReport.Describe(tuning)}");
        console.Out.MarkupLineInterpolated($"Promotion gate: {promotion.Decision} against {promotion.Live ?? "nothing"} — {promotion.Reason}");
        return ExitCodes.Ok;
    }
}
