using GenQ.Cli.Commands;
using GenQ.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace GenQ.Cli;

/// <summary>
/// The `genq` command tree. Each command is one Commands/XCommand.cs + XSettings.cs pair; service commands (ingest, run,
/// status, demo over HTTP) are added here the same way. Tests run the very same app in-process with captured consoles.
/// </summary>
public static class GenqApp
{
    public static CommandApp Create(CliConsole console)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("genq");
            config.Settings.StrictParsing = true;
            config.Settings.CancellationExitCode = ExitCodes.RuntimeFailure;
            config.ConfigureConsole(console.Out);
            config.Settings.Registrar.RegisterInstance(console);
            config.SetExceptionHandler((exception, _) => CliErrors.Report(console, exception));

            config.AddCommand<GenerateCommand>("generate")
                .WithDescription("Generate synthetic queries for every passage of a corpus (BEIR layout: gen-queries.jsonl, gen-qrels/train.tsv).")
                .WithExample("generate", "--model", "fallback", "--corpus", "corpus.jsonl", "--out", "gen");
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Fine-tune a bi-encoder on generated queries and export an ONNX model folder.")
                .WithExample("train", "--data", "gen", "--corpus", "corpus.jsonl", "--out", "models");
            config.AddCommand<EvaluateCommand>("evaluate")
                .WithDescription("nDCG@10, MRR@10, Recall@100 and MAP@100 of a model (and BM25) on a BEIR collection.")
                .WithExample("evaluate", "--model", "models", "--data", "eval-data/time", "--bm25", "--zero-shot");
            config.AddCommand<SearchCommand>("search")
                .WithDescription("Search a corpus with a model (corpus embeddings cached on disk).")
                .WithExample("search", "--model", "models", "--corpus", "corpus.jsonl", "\"nuclear test ban\"");
        });
        return app;
    }
}
