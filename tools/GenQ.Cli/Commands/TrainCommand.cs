using System.Globalization;
using System.Text.Json;
using GenQ.Adaptation.Mining;
using GenQ.Adaptation.Promotion;
using GenQ.Adaptation.Teachers;
using GenQ.Adaptation.TrainingData;
using GenQ.Cli.Infrastructure;
using GenQ.Cli.Local;
using GenQ.Contracts.Files;
using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Embeddings.CrossEncoding;
using GenQ.Embeddings.Models;
using GenQ.Evaluation.Data;
using GenQ.Evaluation.Hybrid;
using GenQ.Evaluation.Retrieval;
using GenQ.Hybrid.Fusion;
using GenQ.Hybrid.Tuning;
using GenQ.Training;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Commands;

/// <summary>
/// `genq train`: the trainer worker's <see cref="Trainer"/> on the pairs of a generated folder; each pair is
/// (query, title + " " + text of its positive: the passage, or its positive text where the generator set one), exactly
/// as the worker builds them (<see cref="PassageText.Compose"/>). A stable slice of the pairs (<see cref="HoldOut"/>) is
/// kept out of training, in whole passages; after export, hybrid fusion is tuned on it (<see cref="HybridTuning"/>) and
/// the promotion gate compares the new model with <c>--live</c> on it (<see cref="PromotionGate"/>); both go into the
/// model's manifest.
/// </summary>
public sealed class TrainCommand(CliConsole console) : AsyncCommand<TrainSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        var layout = new GenerationLayout(Path.GetFullPath(settings.Data));
        var corpusPath = Path.GetFullPath(settings.Corpus);
        var corpus = BeirReader.ReadCorpus(corpusPath);
        var split = ReadSplit(layout, corpus, corpusPath, settings.HoldOut, settings.HoldOutMax);
        var set = ToTrainingSet(split.Training, corpus, settings);
        var pairs = set.Pairs;
        using var loggers = new CliLoggerFactory(console, settings.Verbose ? LogLevel.Information : LogLevel.Warning);
        if (settings.Method == "gpl" || settings.HardNegatives)
        {
            pairs = await MineAsync(set, corpus, settings, loggers, cancellationToken);
        }

        var baseModel = ModelResolver.Resolve(settings.Base);
        var generator = File.Exists(layout.InfoPath)
            ? JsonSerializer.Deserialize(File.ReadAllText(layout.InfoPath), CliJsonContext.Default.GenerationInfo)?.Generator ?? "unknown"
            : "unknown";
        var options = ToOptions(settings);

        var outputRoot = Path.GetFullPath(settings.Out);
        var runId = RunId(layout);
        var checkpoints = Path.Combine(outputRoot, ".checkpoints", runId);
        if (!settings.Resume && Directory.Exists(checkpoints))
        {
            console.Note($"discarding the checkpoints of an earlier run in {checkpoints} (pass --resume to continue it)");
            Directory.Delete(checkpoints, recursive: true);
        }

        console.Note($"training {baseModel.Manifest.ModelName} ({baseModel.Manifest.Version}) on {pairs.Count} pairs from {generator} ({split.HeldOut.Count} held out to tune hybrid search and gate the model{Excluded(set)})");
        var trainer = new Trainer(options, loggers.CreateLogger<Trainer>());
        TrainingResult result = null!;
        await console.Status.Progress().Columns(GenerateCommand.Columns()).StartAsync(async progress =>
        {
            var task = progress.AddTask("training", maxValue: 1);
            var reporter = new Progress<TrainingProgress>(p =>
            {
                task.MaxValue = p.TotalSteps;
                task.Value = p.Step;
                task.Description = $"training (loss {p.Loss:F3})";
            });
            result = await trainer.TrainAsync(pairs, baseModel.Path, outputRoot, runId, reporter, cancellationToken);
            task.Value = task.MaxValue;
        });

        FusionTuningResult? tuning = null;
        PromotionReport? promotion = null;
        if (split.HeldOut.Count > 0)
        {
            (tuning, promotion) = await ModelReview.TuneAndGateAsync(console, result.ModelPath, corpus, split.HeldOut,
                new ModelReviewSettings(settings.LiveOrBase, settings.GateMargin, !settings.NoPositiveSwap, !settings.KeepCopies, settings.Device, settings.Threads),
                loggers, cancellationToken);
        }

        var info = new TrainingInfo
        {
            Generator = generator,
            Pairs = pairs.Count,
            HeldOutPairs = split.HeldOut.Count,
            Steps = result.Steps,
            TrainingSeconds = result.Duration.TotalSeconds,
            FinalLoss = result.FinalLoss,
            BaseModel = $"{baseModel.Manifest.ModelName} ({baseModel.Manifest.Version})",
            Data = layout.Directory,
            Corpus = corpusPath,
        };
        AtomicFile.WriteAllText(Path.Combine(result.ModelPath, TrainingInfo.FileName), JsonSerializer.Serialize(info, CliJsonContext.Default.TrainingInfo));
        var resumed = result.ResumedFromStep > 0 ? $", resumed from step {result.ResumedFromStep}" : string.Empty;
        console.Out.MarkupLineInterpolated(
            $"Trained {result.Steps} steps on {pairs.Count} pairs in {result.Duration.TotalSeconds:F1} s (final loss {result.FinalLoss:F4}{resumed}); model: {result.ModelPath}");
        if (tuning is not null)
        {
            console.Out.MarkupLineInterpolated($"Hybrid search: {HybridReport.Describe(tuning)}");
        }

        if (promotion is not null)
        {
            console.Out.MarkupLineInterpolated($"Promotion gate: {promotion.Decision} against {promotion.Live ?? "nothing"} — {promotion.Reason}");
        }

        return ExitCodes.Ok;
    }

    /// <summary>Mines a hard negative per pair with --live (and teacher margins for gpl), as the trainer worker does.</summary>
    private async Task<IReadOnlyList<TrainingPair>> MineAsync(
        TrainingSetResult set, IReadOnlyList<PassageRecord> corpus, TrainSettings settings, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var live = ModelResolver.Resolve(settings.LiveOrBase);
        var provider = string.Equals(settings.Device, "cpu", StringComparison.OrdinalIgnoreCase) ? "cpu" : "auto";
        using var liveEncoder = EncoderFactory.Open(live, provider, 32, settings.Threads, loggers);
        using var crossEncoder = settings.Method == "gpl" && !string.Equals(settings.Teacher, "hybrid", StringComparison.OrdinalIgnoreCase)
            ? OnnxCrossEncoder.Create(Path.GetFullPath(settings.Teacher), new OnnxCrossEncoderOptions { PreferCuda = provider != "cpu" })
            : null;
        IMarginTeacher? teacher = settings.Method != "gpl" ? null
            : crossEncoder is null ? new HybridScoreTeacher() : new CrossEncoderTeacher(crossEncoder, Path.GetFileName(Path.GetFullPath(settings.Teacher)));
        IReadOnlyList<TrainingPair> pairs = [];
        var without = 0;
        await console.Status.Status().StartAsync($"mining hard negatives for {set.Pairs.Count} pairs with {live.Manifest.ModelName}", async _ =>
            (pairs, without) = await MinedTrainingSet.BuildAsync(set, corpus, liveEncoder, null, new Bm25Options(), new HardNegativeOptions { Seed = settings.Seed }, teacher, cancellationToken));
        console.Note($"mined hard negatives for {pairs.Count} pairs ({without} without a negative in the window left out){(teacher is null ? "" : $", margins from {teacher.Name}")}");
        return pairs;
    }

    private static string Excluded(TrainingSetResult set) =>
        (set.DroppedCopies > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {set.DroppedCopies} verbatim copies dropped") : "")
        + (set.OverBudget > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {set.OverBudget} over the --max-pairs budget") : "");

    internal static TrainingOptions ToOptions(TrainSettings settings) => new()
    {
        Epochs = settings.Epochs,
        BatchSize = settings.BatchSize,
        LearningRate = settings.LearningRate,
        WarmupFraction = settings.Warmup,
        MaxQueryLength = settings.MaxQueryLength,
        MaxPassageLength = settings.MaxPassageLength,
        Seed = settings.Seed,
        CheckpointEverySteps = settings.CheckpointEvery,
        MaxSteps = settings.MaxSteps,
        Method = settings.Method == "gpl" ? TrainingMethod.MarginMse : TrainingMethod.Mnrl,
        TorchThreads = settings.Threads,
        Device = settings.Device,
    };

    /// <summary>Stable per data folder, so a rerun finds the checkpoints of an interrupted run (the trainer checks the data and options match).</summary>
    internal static string RunId(GenerationLayout layout) =>
        "local-" + new string(Path.GetFileName(layout.Directory).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    /// <summary>The training pairs `genq train` uses with these hold-out settings (what the trainer's resume check sees).</summary>
    internal static List<TrainingPair> ReadPairs(
        GenerationLayout layout, string corpusPath, double holdOut = HoldOut.DefaultFraction, int holdOutMax = HoldOut.DefaultMax)
    {
        var corpus = BeirReader.ReadCorpus(corpusPath);
        return TrainingSet.Build(ReadSplit(layout, corpus, corpusPath, holdOut, holdOutMax).Training, corpus.ToDictionary(p => p.Id, StringComparer.Ordinal)).Pairs.ToList();
    }

    /// <summary>Every qrels line of the generated folder as a pair, split into training and held-out pairs.</summary>
    internal static HoldOutSplit ReadSplit(GenerationLayout layout, IReadOnlyList<PassageRecord> corpus, string corpusPath, double holdOut, int holdOutMax)
    {
        var ids = corpus.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        return HoldOut.Split(GeneratedPairs.Read(layout, ids, corpusPath), holdOut, holdOutMax);
    }

    /// <summary>The pairs trained on, built as the trainer worker builds them (<see cref="TrainingSet"/>).</summary>
    internal static TrainingSetResult ToTrainingSet(IEnumerable<QueryPassagePair> pairs, IReadOnlyList<PassageRecord> corpus, TrainSettings settings) =>
        TrainingSet.Build(pairs.ToList(), corpus.ToDictionary(p => p.Id, StringComparer.Ordinal),
            new TrainingDataOptions { DropCopies = settings.DropCopies, MaxPairs = settings.MaxPairs, Seed = settings.Seed });
}
