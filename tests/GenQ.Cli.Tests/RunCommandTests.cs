using System.Text.Json;
using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Runs;
using GenQ.SearchApi.FunctionalTests;
using Microsoft.Extensions.DependencyInjection;

namespace GenQ.Cli.Tests;

/// <summary>
/// `genq api run` end to end against the real search API. No workers run in this fixture, so the test does their writes
/// through the same libraries (pairs stored by the trainer's RunStore call, index versions built, stages set) while the
/// command uploads, watches, evaluates and summarises.
/// </summary>
public sealed class RunCommandTests(ServiceApiFixture api) : IClassFixture<ServiceApiFixture>
{
    [Fact]
    public async Task RunUploadsWatchesEveryStageAndEvaluatesZeroShotAndAdapted()
    {
        var corpus = api.WriteFile("runcorp", "corpus.jsonl", EvaluationCorpus.Documents);
        var beir = Path.GetDirectoryName(api.WriteFile("runcorp-beir", "queries.jsonl", EvaluationCorpus.Queries))!;
        api.WriteFile(Path.Combine("runcorp-beir", "qrels"), "test.tsv", EvaluationCorpus.Qrels);

        var command = Task.Run(() => api.RunAsync("api", "run", "--corpus", corpus, "--eval", beir, "--interval", "0.05", "--timeout", "2", "--json"));
        var runId = await PlayTheWorkersAsync("runcorp");
        var run = await command;

        run.AssertOk();
        var summary = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(runId, summary.GetProperty("run").GetProperty("runId").GetString());
        Assert.Equal("ready", summary.GetProperty("run").GetProperty("stage").GetString());
        var stages = summary.GetProperty("stageSeconds").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["ingesting", "generating", "training", "indexing"], stages);
        var systems = summary.GetProperty("evaluation").GetProperty("systems").EnumerateArray().ToList();
        // The dense rows come first (further modes, e.g. bm25 and hybrid, follow when the API has them).
        Assert.Equal(["zero-shot", "adapted"], systems.Take(2).Select(s => s.GetProperty("system").GetString()));
        Assert.Equal("v0001", systems[1].GetProperty("modelVersion").GetString());
        Assert.Equal("fallback:inverse-cloze", systems[1].GetProperty("generator").GetString());
        Assert.Contains("offline fallback generator", run.Error);
    }

    [Fact]
    public async Task RunChecksTheEvaluationFolderBeforeUploading()
    {
        var corpus = api.WriteFile("early", "corpus.jsonl", EvaluationCorpus.Documents);
        var run = await api.RunAsync("api", "run", "--corpus", corpus, "--eval", Path.GetDirectoryName(corpus)!);
        Assert.Equal(Infrastructure.ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("queries file", run.Error);
        Assert.Null(await api.Services.GetRequiredService<RunStore>().GetCorpusAsync("early"));
    }

    [Fact]
    public async Task DemoShowsTheSearchWithoutANewRunWhenDotnetApiIsAlreadySearchable()
    {
        var corpus = api.WriteFile("dotnet-api", "corpus.jsonl", string.Join('\n',
            """{"_id":"M:System.IO.File.ReadLines(System.String)","title":"File.ReadLines(String)","text":"Reads the lines of a file."}""",
            """{"_id":"M:System.Math.Abs(System.Int32)","title":"Math.Abs(Int32)","text":"Returns the absolute value of a 32-bit signed integer."}"""));
        (await api.RunAsync("api", "ingest", "--corpus", corpus)).AssertOk();
        var runs = api.Services.GetRequiredService<RunStore>();
        var runId = (await runs.GetCorpusAsync("dotnet-api"))!.Value.LatestRunId;
        await RunIndexer.IndexBaseAsync(api.Services, "dotnet-api", runId);

        var demo = (await api.RunAsync("api", "demo")).AssertOk();

        Assert.Contains("already searchable", demo.Error);
        Assert.Contains("M:System.IO.File.ReadLines(System.String)", demo.Out);
        Assert.Equal(runId, (await runs.GetCorpusAsync("dotnet-api"))!.Value.LatestRunId);
    }

    private async Task<string> PlayTheWorkersAsync(string corpus)
    {
        var runs = api.Services.GetRequiredService<RunStore>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? runId = null;
        while ((runId = (await runs.GetCorpusAsync(corpus))?.LatestRunId) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the run command did not upload the corpus");
            await Task.Delay(20);
        }
        // The upload registers the base model version just after the run is stored.
        var models = api.Services.GetRequiredService<ModelRegistry>();
        while (await models.FindAsync(corpus, $"base-{runId}") is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the upload did not register the base model version");
            await Task.Delay(20);
        }
        // Generator worker → trainer: the only batch's pairs are stored; the run moves to training.
        var status = (await runs.GetAsync(runId))!;
        await runs.StorePairsAsync(new TrainingPairsJob(runId, corpus, 0, status.BatchCount, "fallback:inverse-cloze", status.PassageCount, 0,
            [new QueryPassagePair("spacecraft orbit", "mars")]));
        await RunIndexer.IndexBaseAsync(api.Services, corpus, runId);
        await runs.SetProgressAsync(runId, 0.5, "step 1/2, loss 0.50");
        await Task.Delay(200);
        // Trainer: the adapted model is exported, registered and indexed.
        await RunIndexer.RegisterAdaptedCopyAsync(api.Services, corpus, runId, "v0001", Path.Combine(api.DataDirectory, "models", corpus, "v0001"), pairs: 1);
        await runs.SetStageAsync(runId, RunStage.Indexing, modelVersion: "v0001");
        await RunIndexer.IndexAsync(api.Services, corpus, runId, "v0001");
        await Task.Delay(200);
        await runs.SetStageAsync(runId, RunStage.Ready, modelVersion: "v0001");
        return runId;
    }
}
