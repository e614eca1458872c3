using System.Text.Json;
using GenQ.Cli.Infrastructure;
using GenQ.Cli.Local;
using GenQ.Embeddings.Models;
using GenQ.Evaluation;
using GenQ.Evaluation.Data;
using GenQ.Evaluation.Reporting;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Commands;

/// <summary>
/// `genq evaluate`: <see cref="BeirEvaluator"/> (the same code as the search API's evaluation) on a BEIR collection,
/// for the model and, when asked, BM25 and the zero-shot base model; printed as a table or JSON.
/// </summary>
public sealed class EvaluateCommand(CliConsole console) : AsyncCommand<EvaluateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EvaluateSettings settings, CancellationToken cancellationToken)
    {
        var dataset = BeirDataset.Load(settings.Data, settings.Split);
        var model = ModelResolver.Resolve(settings.Model);
        console.Note($"{dataset.Name}: {dataset.Corpus.Count} passages, {dataset.Queries.Count} judged queries, {dataset.JudgmentCount} judgments");
        using var loggers = new CliLoggerFactory(console, LogLevel.Warning);
        var systems = new List<SystemEvaluation>();
        if (settings.Bm25)
        {
            systems.Add(BeirEvaluator.EvaluateBm25(dataset, cancellationToken: cancellationToken));
        }

        if (settings.ZeroShot && !ModelResolver.IsDefault(settings.Model))
        {
            systems.Add(await EvaluateModelAsync(dataset, ModelResolver.Resolve(ModelResolver.Default), settings, loggers, cancellationToken));
        }

        systems.Add(await EvaluateModelAsync(dataset, model, settings, loggers, cancellationToken));
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

    private async Task<SystemEvaluation> EvaluateModelAsync(
        BeirDataset dataset, ModelFolder model, EvaluateSettings settings, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        using var encoder = EncoderFactory.Open(model, settings.Provider, settings.BatchSize, settings.Threads, loggers);
        var adapted = model.Manifest.TrainingSettings is not null;
        SystemEvaluation result = null!;
        await console.Status.Progress().Columns(GenerateCommand.Columns()).StartAsync(async progress =>
        {
            var task = progress.AddTask($"embedding with {model.Manifest.ModelName} {model.Manifest.Version}", maxValue: Math.Max(1, dataset.Corpus.Count));
            result = await BeirEvaluator.EvaluateDenseAsync(
                dataset, encoder, adapted ? "adapted" : "zero-shot", new Progress<int>(done => task.Value = done), cancellationToken);
            task.Value = task.MaxValue;
        });

        var training = ReadTrainingInfo(model);
        return result with
        {
            Generator = training?.Generator,
            TrainingPairs = training?.Pairs ?? (model.Manifest.Metrics?.TryGetValue("pairs", out var pairs) == true ? (int)pairs : null),
            TrainingSeconds = training?.TrainingSeconds,
            Settings = new Dictionary<string, string> { ["provider"] = encoder.ExecutionProvider, ["path"] = model.Path },
        };
    }

    private static TrainingInfo? ReadTrainingInfo(ModelFolder model)
    {
        var path = Path.Combine(model.Path, TrainingInfo.FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), CliJsonContext.Default.TrainingInfo) : null;
    }

    private static Table ToTable(EvaluationReport report)
    {
        var table = new Table().Title($"{report.Collection}: {report.Documents} passages, {report.Queries} queries");
        foreach (var column in new[] { "system", "model", "version", "generator", "pairs", "training s", "nDCG@10", "MRR@10", "Recall@100", "MAP@100" })
        {
            table.AddColumn(column);
        }

        foreach (var s in report.Systems)
        {
            table.AddRow(
                s.System, Markup.Escape(s.Model), s.ModelVersion ?? "-", Markup.Escape(s.Generator ?? "-"),
                s.TrainingPairs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                s.TrainingSeconds?.ToString("F0", System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                F(s.Metrics.NdcgAt10), F(s.Metrics.MrrAt10), F(s.Metrics.RecallAt100), F(s.Metrics.MapAt100));
        }

        return table;
    }

    private static string F(double value) => value.ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
}
