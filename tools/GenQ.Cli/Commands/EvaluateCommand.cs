using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GenQ.Cli.Infrastructure;
using GenQ.Cli.Local;
using GenQ.Contracts.Files;
using GenQ.Contracts.Jobs;
using GenQ.Embeddings;
using GenQ.Embeddings.Models;
using GenQ.Evaluation;
using GenQ.Evaluation.Data;
using GenQ.Evaluation.Hybrid;
using GenQ.Evaluation.Reporting;
using GenQ.Evaluation.Retrieval;
using GenQ.Hybrid;
using GenQ.Hybrid.Fusion;
using GenQ.Hybrid.Tuning;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Commands;

/// <summary>
/// `genq evaluate`: <see cref="BeirEvaluator"/> and <see cref="HybridEvaluator"/> (the same code as the search API's
/// evaluation) on a BEIR collection, for the model in each search mode (dense, BM25, hybrid; one corpus encoding per
/// model) and, when asked, the zero-shot base model; printed as a table or JSON.
/// </summary>
public sealed class EvaluateCommand(CliConsole console) : AsyncCommand<EvaluateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EvaluateSettings settings, CancellationToken cancellationToken)
    {
        var dataset = BeirDataset.Load(settings.Data, settings.Split);
        var model = ModelResolver.Resolve(settings.Model);
        var modes = settings.ModeList();
        console.Note($"{dataset.Name}: {dataset.Corpus.Count} passages, {dataset.Queries.Count} judged queries, {dataset.JudgmentCount} judgments");
        var heldOut = settings.AutoFusion ? ReadHeldOut(settings, dataset) : null;
        using var loggers = new CliLoggerFactory(console, LogLevel.Warning);
        var systems = new List<SystemEvaluation>();
        if (modes.Contains(SearchMode.Bm25))
        {
            systems.Add(BeirEvaluator.EvaluateBm25(dataset, cancellationToken: cancellationToken) with { Mode = SearchMode.Bm25.Name() });
        }

        var modelModes = modes.Where(m => m != SearchMode.Bm25).ToList();
        if (modelModes.Count > 0)
        {
            if (settings.ZeroShot && !ModelResolver.IsDefault(settings.Model))
            {
                systems.AddRange(await EvaluateModelAsync(dataset, ModelResolver.Resolve(ModelResolver.Default), modelModes, heldOut, settings, loggers, cancellationToken));
            }

            systems.AddRange(await EvaluateModelAsync(dataset, model, modelModes, heldOut, settings, loggers, cancellationToken));
        }

        var report = new EvaluationReport
        {
            Collection = dataset.Name,
            Documents = dataset.Corpus.Count,
            Queries = dataset.Queries.Count,
            Judgments = dataset.JudgmentCount,
            CreatedUtc = DateTimeOffset.UtcNow,
            Systems = systems,
        };

        if (settings.Report is { } reportPath)
        {
            AtomicFile.WriteAllText(reportPath + ".md", report.ToMarkdown());
            AtomicFile.WriteAllText(reportPath + ".json", report.ToJson());
        }

        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(report.ToJson());
        }
        else
        {
            console.Out.Write(ToTable(report));
        }

        return ExitCodes.Ok;
    }

    private async Task<IReadOnlyList<SystemEvaluation>> EvaluateModelAsync(
        BeirDataset dataset, ModelFolder model, IReadOnlyList<SearchMode> modes, IReadOnlyList<QueryPassagePair>? heldOut,
        EvaluateSettings settings, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        using var encoder = EncoderFactory.Open(model, settings.Provider, settings.BatchSize, settings.Threads, loggers);
        var adapted = model.Manifest.TrainingSettings is not null;
        var clock = Stopwatch.StartNew();
        var cache = settings.CacheDirectory is { } dir ? new EmbeddingCache(dir) : null;
        var key = EmbeddingCache.Key(model, Path.Combine(settings.Data, "corpus.jsonl"));
        var ids = dataset.Corpus.Select(p => p.Id).ToArray();
        var vectors = cache?.TryRead(key) is { } hit && hit.Ids.SequenceEqual(ids) ? hit.Vectors : null;
        if (vectors is not null)
        {
            console.Note($"corpus embeddings from cache {cache!.PathFor(key)}");
        }
        else
        {
            await console.Status.Progress().Columns(GenerateCommand.Columns()).StartAsync(async progress =>
            {
                var task = progress.AddTask($"embedding with {model.Manifest.ModelName} {model.Manifest.Version}", maxValue: Math.Max(1, dataset.Corpus.Count));
                vectors = await DenseRetriever.EncodeCorpusAsync(encoder, dataset.Corpus, new Progress<int>(done => task.Value = done), cancellationToken: cancellationToken);
                task.Value = task.MaxValue;
            });
            cache?.Write(key, ids, vectors!);
        }

        var encodingSeconds = clock.Elapsed.TotalSeconds;

        var (fusion, fusionSettings) = modes.Contains(SearchMode.Hybrid)
            ? await ResolveFusionAsync(dataset, model, encoder, vectors!, heldOut, settings, cancellationToken)
            : (FusionSettings.Default, new Dictionary<string, string>());
        var rows = await HybridEvaluator.EvaluateModesAsync(
            dataset, encoder, vectors!, modes, fusion, adapted ? "adapted" : "zero-shot", encodingSeconds, cancellationToken);

        var training = ReadTrainingInfo(model);
        return rows.Select(row => row with
        {
            Generator = training?.Generator,
            TrainingPairs = training?.Pairs ?? (model.Manifest.Metrics?.TryGetValue("pairs", out var pairs) == true ? (int)pairs : null),
            TrainingSeconds = training?.TrainingSeconds,
            Settings = Merge(row.Settings, row.Mode == SearchMode.Hybrid.Name() ? fusionSettings : null,
                new Dictionary<string, string> { ["provider"] = encoder.ExecutionProvider, ["path"] = model.Path }),
        }).ToList();
    }

    /// <summary>--fusion as given, tuned on held-out pairs (auto), the model manifest's tuned setting, or RRF k = 60; with where it came from.</summary>
    private async Task<(FusionSettings Fusion, Dictionary<string, string> Settings)> ResolveFusionAsync(
        BeirDataset dataset, ModelFolder model, ISentenceEncoder encoder, float[][] vectors, IReadOnlyList<QueryPassagePair>? heldOut,
        EvaluateSettings settings, CancellationToken cancellationToken)
    {
        if (heldOut is not null)
        {
            var swap = !settings.NoPositiveSwap;
            FusionTuningResult tuning = null!;
            await console.Status.Status().StartAsync($"tuning fusion for {model.Manifest.ModelName} {model.Manifest.Version} on {heldOut.Count} held-out queries", async _ =>
                tuning = await HybridTuning.TuneAsync(dataset.Corpus, heldOut, encoder, new HybridTuningOptions { SwapPositives = swap, ExcludeCopies = !settings.KeepCopies }, vectors, cancellationToken));
            console.Note($"{model.Manifest.ModelName} {model.Manifest.Version} hybrid: {HybridReport.Describe(tuning)}");
            var c = CultureInfo.InvariantCulture;
            return (tuning.Chosen, new Dictionary<string, string>
            {
                [SettingKeys.FusionSource] = tuning.Tuned ? "tuned" : "default (too few held-out queries)",
                ["tuningQueries"] = tuning.Queries.ToString(c),
                ["tuningMrrAt10"] = tuning.ChosenMrrAt10?.ToString("F4", c) ?? "-",
                ["positiveTextSwap"] = swap ? "yes" : "no",
                ["tuningExcludedCopies"] = tuning.ExcludedCopies.ToString(c),
            });
        }

        if (settings.Fusion is { } given)
        {
            return (FusionSettings.Parse(given), new Dictionary<string, string> { [SettingKeys.FusionSource] = "option" });
        }

        return model.Manifest.Hybrid?.ToFusionSettings() is { } own
            ? (own, new Dictionary<string, string> { [SettingKeys.FusionSource] = "manifest" })
            : (FusionSettings.Default, new Dictionary<string, string> { [SettingKeys.FusionSource] = "default" });
    }

    /// <summary>The held-out slice of --tune-queries (the same stable slice `genq train` keeps out of training).</summary>
    private List<QueryPassagePair> ReadHeldOut(EvaluateSettings settings, BeirDataset dataset)
    {
        var layout = new GenerationLayout(Path.GetFullPath(settings.TuneQueries!));
        var ids = dataset.Corpus.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var pairs = GeneratedPairs.Read(layout, ids, Path.Combine(settings.Data, "corpus.jsonl"));
        var heldOut = HoldOut.Split(pairs, settings.HoldOut, settings.HoldOutMax).HeldOut.ToList();
        var positives = heldOut.Count(p => p.PositiveText is not null);
        console.Note($"tuning fusion on {heldOut.Count} of {pairs.Count} generated pairs ({positives} with a positive text)");
        return heldOut;
    }

    private static Dictionary<string, string> Merge(params IReadOnlyDictionary<string, string>?[] parts)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in parts.Where(p => p is not null).SelectMany(p => p!))
        {
            merged[key] = value;
        }

        return merged;
    }

    private static TrainingInfo? ReadTrainingInfo(ModelFolder model)
    {
        var path = Path.Combine(model.Path, TrainingInfo.FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), CliJsonContext.Default.TrainingInfo) : null;
    }

    private static Table ToTable(EvaluationReport report)
    {
        var table = new Table().Title($"{report.Collection}: {report.Documents} passages, {report.Queries} queries");
        foreach (var column in new[] { "system", "mode", "model", "version", "generator", "pairs", "training s", "nDCG@10", "MRR@10", "Recall@100", "MAP@100" })
        {
            table.AddColumn(column);
        }

        var c = CultureInfo.InvariantCulture;
        foreach (var s in report.Systems)
        {
            table.AddRow(
                s.System, Markup.Escape(EvaluationReport.ModeCell(s) ?? "-"), Markup.Escape(s.Model), s.ModelVersion ?? "-", Markup.Escape(s.Generator ?? "-"),
                s.TrainingPairs?.ToString(c) ?? "-", s.TrainingSeconds?.ToString("F0", c) ?? "-",
                F(s.Metrics.NdcgAt10), F(s.Metrics.MrrAt10), F(s.Metrics.RecallAt100), F(s.Metrics.MapAt100));
        }

        return table;
    }

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
