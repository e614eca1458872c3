using GenQ.Cli.Commands;
using GenQ.Cli.Infrastructure;
using GenQ.Cli.Service;
using Spectre.Console.Cli;

namespace GenQ.Cli;

/// <summary>
/// The `genq` command tree. Local commands are Commands/XCommand.cs + XSettings.cs pairs; the service commands (ingest,
/// status, run, eval, demo, query over HTTP) are the same kind of pairs in Service/. Tests run the very same app
/// in-process with captured consoles, and pass the in-process search API's handler as <c>apiHandler</c>.
/// </summary>
public static class GenqApp
{
    public static CommandApp Create(CliConsole console, HttpMessageHandler? apiHandler = null)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("genq");
            config.Settings.StrictParsing = true;
            config.Settings.CancellationExitCode = ExitCodes.RuntimeFailure;
            config.ConfigureConsole(console.Out);
            config.Settings.Registrar.RegisterInstance(console);
            config.Settings.Registrar.RegisterInstance(new ApiClientFactory(apiHandler));
            config.SetExceptionHandler((exception, _) => ServiceErrors.Report(console, exception));

            config.AddCommand<GenerateCommand>("generate")
                .WithDescription("Generate synthetic queries for every passage of a corpus (BEIR layout: gen-queries.jsonl, gen-qrels/train.tsv).")
                .WithExample("generate", "--model", "fallback", "--corpus", "corpus.jsonl", "--out", "gen");
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Fine-tune a bi-encoder on generated queries and export an ONNX model folder.")
                .WithExample("train", "--data", "gen", "--corpus", "corpus.jsonl", "--out", "models");
            config.AddCommand<GateCommand>("gate")
                .WithDescription("Re-tune hybrid fusion and re-run the promotion gate for a trained model against the live one (held-out passages' queries).")
                .WithExample("gate", "--model", "models/v0001", "--data", "gen", "--corpus", "corpus.jsonl");
            config.AddCommand<EvaluateCommand>("evaluate")
                .WithDescription("nDCG@10, MRR@10, Recall@100 and MAP@100 of a model (and BM25) on a BEIR collection.")
                .WithExample("evaluate", "--model", "models", "--data", "eval-data/time", "--bm25", "--zero-shot");
            config.AddCommand<SearchCommand>("search")
                .WithDescription("Search a corpus with a model (corpus embeddings cached on disk).")
                .WithExample("search", "--model", "models", "--corpus", "corpus.jsonl", "\"nuclear test ban\"");

            config.AddCommand<IngestCommand>("ingest")
                .WithDescription("Upload a corpus to the search API; it starts a GenQ run (generate, train, index). Prints the run id.")
                .WithExample("ingest", "--corpus", "eval-data/cranfield/corpus.jsonl");
            config.AddCommand<StatusCommand>("status")
                .WithDescription("Stage and progress of a run; --watch shows live progress per stage.")
                .WithExample("status", "3f2c9a1b7d4e", "--watch");
            config.AddCommand<RunCommand>("run")
                .WithDescription("The whole pipeline through the services: ingest, watch every stage, evaluate (--eval) and summarise.")
                .WithExample("run", "--corpus", "eval-data/cranfield/corpus.jsonl", "--eval", "eval-data/cranfield");
            config.AddCommand<EvalCommand>("eval")
                .WithDescription("Evaluate the live and zero-shot base model versions (--versions all: every ready one) of an ingested corpus on BEIR queries + qrels (search API).")
                .WithExample("eval", "--name", "cranfield", "--data", "eval-data/cranfield");
            config.AddCommand<DemoCommand>("demo")
                .WithDescription("Ingest the .NET API reference as corpus dotnet-api and show a search once it is indexed.")
                .WithExample("demo");
            config.AddCommand<VersionsCommand>("versions")
                .WithDescription("Model versions of an ingested corpus: live, method, generator, pairs, fusion and the promotion decision.")
                .WithExample("versions", "--name", "cranfield");
            config.AddCommand<PromoteCommand>("promote")
                .WithDescription("Make a ready model version live (an older one: rollback). Prints the new live version.")
                .WithExample("promote", "--name", "cranfield", "--version", "v0002");
            config.AddCommand<ApiSearchCommand>("query")
                .WithDescription("Search an ingested corpus through the search API.")
                .WithExample("query", "--name", "cranfield", "\"boundary layer flow\"");
        });
        return app;
    }
}
