using System.Text.Json;
using GenQ.Cli.Infrastructure;
using GenQ.Cli.Local;
using GenQ.Evaluation.Data;
using GenQ.Runs;
using GenQ.Training.Training;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Commands;

/// <summary>
/// `genq train`: the trainer worker's <see cref="Trainer"/> on the pairs of a generated folder; each pair is
/// (query, title + " " + text of its passage), exactly as the worker builds them (<see cref="PassageText.Compose"/>).
/// </summary>
public sealed class TrainCommand(CliConsole console) : AsyncCommand<TrainSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        var layout = new GenerationLayout(Path.GetFullPath(settings.Data));
        var corpusPath = Path.GetFullPath(settings.Corpus);
        var pairs = ReadPairs(layout, corpusPath);
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

        console.Note($"training {baseModel.Manifest.ModelName} ({baseModel.Manifest.Version}) on {pairs.Count} pairs from {generator}");
        using var loggers = new CliLoggerFactory(console, settings.Verbose ? LogLevel.Information : LogLevel.Warning);
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

        var info = new TrainingInfo
        {
            Generator = generator,
            Pairs = pairs.Count,
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
        return ExitCodes.Ok;
    }

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
        TorchThreads = settings.Threads,
        Device = settings.Device,
    };

    /// <summary>Stable per data folder, so a rerun finds the checkpoints of an interrupted run (the trainer checks the data and options match).</summary>
    internal static string RunId(GenerationLayout layout) =>
        "local-" + new string(Path.GetFileName(layout.Directory).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    /// <summary>(query text, passage text) for every qrels line of the generated folder; unknown ids are bad input.</summary>
    internal static List<TrainingPair> ReadPairs(GenerationLayout layout, string corpusPath)
    {
        if (!File.Exists(layout.QrelsPath) || !File.Exists(layout.QueriesPath))
        {
            throw new CliUsageException($"'{layout.Directory}' has no {GenerationLayout.QueriesFileName} and {GenerationLayout.QrelsFolderName}/{GenerationLayout.QrelsFileName}; run 'genq generate' first.");
        }

        var queries = BeirReader.ReadQueries(layout.QueriesPath);
        var qrels = BeirReader.ReadQrels(layout.QrelsPath);
        var passages = BeirReader.ReadCorpus(corpusPath).ToDictionary(p => p.Id, PassageText.Compose, StringComparer.Ordinal);
        var pairs = new List<TrainingPair>();
        foreach (var (queryId, judgments) in qrels)
        {
            var query = queries.TryGetValue(queryId, out var text)
                ? text
                : throw new CliUsageException($"{layout.QrelsPath}: query-id '{queryId}' is not in {GenerationLayout.QueriesFileName}.");
            foreach (var (passageId, score) in judgments)
            {
                if (score <= 0)
                {
                    continue;
                }

                pairs.Add(passages.TryGetValue(passageId, out var passage)
                    ? new TrainingPair(query, passage)
                    : throw new CliUsageException($"{layout.QrelsPath}: corpus-id '{passageId}' is not in {corpusPath}; was the data generated from another corpus?"));
            }
        }

        return pairs;
    }
}
