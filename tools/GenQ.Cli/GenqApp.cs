using GenQ.Cli.Commands;
using GenQ.Cli.Infrastructure;
using GenQ.Cli.Service;
using Spectre.Console.Cli;

namespace GenQ.Cli;

/// <summary>
/// The `genq` command tree. Local commands (`genq generate|train|gate|evaluate|search`) are Commands/XCommand.cs +
/// XSettings.cs pairs; the service commands, which talk to the search API over HTTP, sit under `genq api` (ingest,
/// status, run, evaluate, search, demo, versions, promote) and are the same kind of pairs in Service/. Tests run the very same app
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
                .WithDescription("nDCG@10, MRR@10, Recall@100 and MAP@100 of a model (and BM25) on a BEIR collection, in this process (no services; see api evaluate).")
                .WithExample("evaluate", "--model", "models", "--data", "eval-data/time", "--bm25", "--zero-shot");
            config.AddCommand<SearchCommand>("search")
                .WithDescription("Search a corpus file with a model in this process (corpus embeddings cached on disk; see api search).")
                .WithExample("search", "--model", "models", "--corpus", "corpus.jsonl", "\"nuclear test ban\"");

            // Commands that drive the running services through the search API: one branch, so that `genq evaluate`
            // (local) and `genq api evaluate` (service), `genq search` and `genq api search` say which one runs.
            config.AddBranch("api", api =>
            {
                api.SetDescription("Drive the running services through the search API (--api, --api-key): ingest, status, run, evaluate, search, demo, versions, promote.");
                api.AddCommand<IngestCommand>("ingest")
                    .WithDescription("Upload a corpus to the search API; it starts a GenQ run (generate, train, index). Prints the run id.")
                    .WithExample("api", "ingest", "--corpus", "eval-data/cranfield/corpus.jsonl");
                api.AddCommand<StatusCommand>("status")
                    .WithDescription("Stage and progress of a run; --watch shows live progress per stage.")
                    .WithExample("api", "status", "3f2c9a1b7d4e", "--watch");
                api.AddCommand<RunCommand>("run")
                    .WithDescription("The whole pipeline through the services: ingest, watch every stage, evaluate (--eval) and summarise.")
                    .WithExample("api", "run", "--corpus", "eval-data/cranfield/corpus.jsonl", "--eval", "eval-data/cranfield");
                api.AddCommand<ApiEvaluateCommand>("evaluate")
                    .WithDescription("Evaluate the live and zero-shot base model versions (--versions all: every ready one) of an ingested corpus on BEIR queries + qrels.")
                    .WithExample("api", "evaluate", "--name", "cranfield", "--data", "eval-data/cranfield");
                api.AddCommand<ApiSearchCommand>("search")
                    .WithDescription("Search an ingested corpus with its live model version.")
                    .WithExample("api", "search", "--name", "cranfield", "\"boundary layer flow\"");
                api.AddCommand<DemoCommand>("demo")
                    .WithDescription("Ingest the .NET API reference as corpus dotnet-api and show a search once it is indexed.")
                    .WithExample("api", "demo");
                api.AddCommand<VersionsCommand>("versions")
                    .WithDescription("Model versions of an ingested corpus: live, method, generator, pairs, fusion and the promotion decision.")
                    .WithExample("api", "versions", "--name", "cranfield");
                api.AddCommand<PromoteCommand>("promote")
                    .WithDescription("Make a ready model version live (an older one: rollback). Prints the new live version.")
                    .WithExample("api", "promote", "--name", "cranfield", "--version", "v0002");
            });

            // The old top-level names of the service commands, for one release: hidden from help, they run the same
            // command after a one-line note on stderr (DeprecatedNameInterceptor).
            config.AddCommand<IngestCommand>("ingest").WithData(new DeprecatedName("ingest", "api ingest")).IsHidden();
            config.AddCommand<StatusCommand>("status").WithData(new DeprecatedName("status", "api status")).IsHidden();
            config.AddCommand<RunCommand>("run").WithData(new DeprecatedName("run", "api run")).IsHidden();
            config.AddCommand<ApiEvaluateCommand>("eval").WithData(new DeprecatedName("eval", "api evaluate")).IsHidden();
            config.AddCommand<ApiSearchCommand>("query").WithData(new DeprecatedName("query", "api search")).IsHidden();
            config.AddCommand<DemoCommand>("demo").WithData(new DeprecatedName("demo", "api demo")).IsHidden();
            config.AddCommand<VersionsCommand>("versions").WithData(new DeprecatedName("versions", "api versions")).IsHidden();
            config.AddCommand<PromoteCommand>("promote").WithData(new DeprecatedName("promote", "api promote")).IsHidden();
            config.SetInterceptor(new DeprecatedNameInterceptor(console));
        });
        return app;
    }
}
