using System.Text.Json;
using GenQ.Cli.Infrastructure;
using GenQ.Contracts.Runs;
using GenQ.Evaluation.Reporting;
using GenQ.Runs;
using GenQ.SearchApi.FunctionalTests;
using Microsoft.Extensions.DependencyInjection;

namespace GenQ.Cli.Tests;

/// <summary>api ingest, status, evaluate, search against the real search API in-process, and the errors a user meets.</summary>
public sealed class ServiceCommandTests(ServiceApiFixture api) : IClassFixture<ServiceApiFixture>
{
    private const string ThreeDocuments = """
        {"_id":"a","title":"A","text":"first document"}
        {"_id":"b","title":"B","text":"second document"}
        {"_id":"c","title":"C","text":"third document"}

        """;

    [Fact]
    public async Task IngestPrintsARunIdThatStatusShows()
    {
        var corpus = api.WriteFile("smallcorp", "corpus.jsonl", ThreeDocuments);

        var ingest = (await api.RunAsync("api", "ingest", "--corpus", corpus)).AssertOk();

        var runId = (await api.Services.GetRequiredService<RunStore>().GetCorpusAsync("smallcorp"))!.Value.LatestRunId;
        Assert.Contains($"run {runId}: corpus 'smallcorp', 3 passages", ingest.Out);
        var status = (await api.RunAsync("api", "status", runId)).AssertOk();
        Assert.Contains("generating", status.Out);
        Assert.Contains("smallcorp", status.Out);
        var json = JsonDocument.Parse((await api.RunAsync("api", "status", runId, "--json")).AssertOk().Out).RootElement;
        Assert.Equal(runId, json.GetProperty("runId").GetString());
        Assert.Equal("generating", json.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task IngestJsonPrintsTheRunAndNameOverridesTheFolder()
    {
        var corpus = api.WriteFile("Not A Name", "docs.txt", "one line\nanother line\n");
        var run = JsonDocument.Parse((await api.RunAsync("api", "ingest", "--corpus", corpus, "--name", "plain-lines", "--json")).AssertOk().Out).RootElement;
        Assert.Equal("plain-lines", run.GetProperty("corpus").GetString());
        Assert.Equal(2, run.GetProperty("passageCount").GetInt32());

        var unnamed = await api.RunAsync("api", "ingest", "--corpus", corpus);
        Assert.Equal(ExitCodes.BadInput, unnamed.ExitCode);
        Assert.Contains("give --name", unnamed.Error);
    }

    [Fact]
    public async Task IngestAppendAddsToTheCorpusAndRefusesAMissingCorpusOrAnIdItHas()
    {
        var corpus = api.WriteFile("appendcorp", "corpus.jsonl", ThreeDocuments);
        var more = api.WriteFile("appendcorp", "more.jsonl", "{\"_id\":\"d\",\"title\":\"D\",\"text\":\"fourth document\"}\n");
        (await api.RunAsync("api", "ingest", "--corpus", corpus)).AssertOk();

        var appended = (await api.RunAsync("api", "ingest", "--corpus", more, "--append")).AssertOk();
        var again = await api.RunAsync("api", "ingest", "--corpus", more, "--append");
        var missing = await api.RunAsync("api", "ingest", "--corpus", more, "--name", "no-such-corpus", "--append");

        // 3 + 1 passages; the default threshold (100 new passages) leaves 99 to go.
        Assert.Contains("corpus 'appendcorp', 1 passages", appended.Out);
        Assert.Contains("retraining after 99 more (corpus now 4 passages)", appended.Out);
        Assert.Equal(4, (await api.Services.GetRequiredService<RunStore>().GetCorpusAsync("appendcorp"))!.Value.Passages);
        Assert.Equal(ExitCodes.BadInput, again.ExitCode);
        Assert.Contains("line 1: _id 'd' is already in corpus 'appendcorp'", again.Error);
        Assert.Equal(ExitCodes.BadInput, missing.ExitCode);
        Assert.Contains("No corpus named 'no-such-corpus'", missing.Error);
    }

    [Fact]
    public async Task AMalformedLineIsReportedWithItsNumberAndExitCode2()
    {
        var corpus = api.WriteFile("brokencorp", "corpus.jsonl", "{\"_id\":\"1\",\"text\":\"fine\"}\n\n{\"_id\":\"2\",\"text\": oops}\n");

        var run = await api.RunAsync("api", "ingest", "--corpus", corpus);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"{corpus}: line 3: not valid JSON", run.Error);
        Assert.Null(await api.Services.GetRequiredService<RunStore>().GetCorpusAsync("brokencorp"));
    }

    [Fact]
    public async Task AnUnreachableApiGetsOneClearMessage()
    {
        var corpus = api.WriteFile("lonely", "corpus.jsonl", ThreeDocuments);
        using var output = new StringWriter();
        using var error = new StringWriter();

        // The real network stack, a port nothing listens on.
        var code = await GenqApp.Create(CliConsole.Create(output, error))
            .RunAsync(["api", "ingest", "--corpus", corpus, "--api", "http://127.0.0.1:9"], CancellationToken.None);

        Assert.Equal(ExitCodes.RuntimeFailure, code);
        Assert.Contains("cannot reach the GenQ search API at http://127.0.0.1:9/", error.ToString());
        Assert.Contains("dotnet run --project GenQ.AppHost", error.ToString());
    }

    [Fact]
    public async Task MissingFilesAndAWrongKeyAreBadInput()
    {
        var missing = await api.RunAsync("api", "ingest", "--corpus", Path.Combine(api.DataDirectory, "nope", "corpus.jsonl"));
        Assert.Equal(ExitCodes.BadInput, missing.ExitCode);
        Assert.Contains("--corpus file", missing.Error);
        Assert.Contains("does not exist", missing.Error);

        var noData = await api.RunAsync("api", "evaluate", "--name", "x", "--data", Path.Combine(api.DataDirectory, "no-beir"));
        Assert.Equal(ExitCodes.BadInput, noData.ExitCode);
        Assert.Contains("no-beir' does not exist", noData.Error);

        var corpus = api.WriteFile("keyed", "corpus.jsonl", ThreeDocuments);
        var wrongKey = await api.RunAsync("api", "ingest", "--corpus", corpus, "--api-key", "wrong");
        Assert.Equal(ExitCodes.BadInput, wrongKey.ExitCode);
        Assert.Contains("401", wrongKey.Error);

        var unknownRun = await api.RunAsync("api", "status", "doesnotexist");
        Assert.Equal(ExitCodes.BadInput, unknownRun.ExitCode);
        Assert.Contains("No run with id 'doesnotexist'", unknownRun.Error);
    }

    [Fact]
    public async Task EvalPrintsTheTableAndJsonAndQuerySearches()
    {
        var corpus = api.WriteFile("evalcorp", "corpus.jsonl", EvaluationCorpus.Documents);
        (await api.RunAsync("api", "ingest", "--corpus", corpus)).AssertOk();
        var runId = (await api.Services.GetRequiredService<RunStore>().GetCorpusAsync("evalcorp"))!.Value.LatestRunId;
        await RunIndexer.IndexBaseAsync(api.Services, "evalcorp", runId);
        var beir = Path.GetDirectoryName(api.WriteFile("evalcorp-beir", "queries.jsonl", EvaluationCorpus.Queries))!;
        api.WriteFile(Path.Combine("evalcorp-beir", "qrels"), "test.tsv", EvaluationCorpus.Qrels);

        var table = (await api.RunAsync("api", "evaluate", "--name", "evalcorp", "--data", beir)).AssertOk();
        Assert.Contains("Collection `evalcorp`: 7 passages, 4 judged queries, 6 judgments.", table.Out);
        var zeroShotRow = table.Out.Split('\n').Single(line => line.StartsWith("| zero-shot |", StringComparison.Ordinal));
        Assert.Contains("| all-MiniLM-L6-v2 |", zeroShotRow);
        Assert.Contains($"| base-{runId} (live) |", zeroShotRow); // the only version, so the live one

        var report = EvaluationReport.FromJson((await api.RunAsync("api", "evaluate", "--name", "evalcorp", "--data", beir, "--modes", "dense", "--json")).AssertOk().Out);
        Assert.Equal("zero-shot", Assert.Single(report.Systems).System);
        Assert.InRange(report.Systems[0].Metrics.NdcgAt10, 0.5, 1.0);

        var badQrels = api.WriteFile("evalcorp-bad", "test.tsv", EvaluationCorpus.Qrels.Replace("q2\tbudget\t1", "q2\tbudget", StringComparison.Ordinal));
        var bad = await api.RunAsync("api", "evaluate", "--name", "evalcorp", "--queries", Path.Combine(beir, "queries.jsonl"), "--qrels", badQrels);
        Assert.Equal(ExitCodes.BadInput, bad.ExitCode);
        Assert.Contains($"{badQrels}: line 4: expected 3 tab-separated fields", bad.Error);

        var hits = (await api.RunAsync("api", "search", "volcanic eruption and lava flows", "--name", "evalcorp", "--top-k", "2", "--mode", "dense")).AssertOk();
        Assert.Contains("long#2", hits.Out);
        var json = JsonDocument.Parse((await api.RunAsync("api", "search", "spacecraft orbit", "--name", "evalcorp", "--mode", "dense", "--json")).AssertOk().Out).RootElement;
        Assert.Equal("mars", json.GetProperty("hits")[0].GetProperty("passageId").GetString());

        var notIndexed = await api.RunAsync("api", "search", "anything", "--name", "nosuchcorpus");
        Assert.Equal(ExitCodes.BadInput, notIndexed.ExitCode);
        Assert.Contains("not searchable yet", notIndexed.Error);
    }

    [Fact]
    public async Task StatusWatchEndsWithTheRunAndAFailedRunExitsWith1()
    {
        var corpus = api.WriteFile("watched", "corpus.jsonl", ThreeDocuments);
        (await api.RunAsync("api", "ingest", "--corpus", corpus)).AssertOk();
        var runs = api.Services.GetRequiredService<RunStore>();
        var runId = (await runs.GetCorpusAsync("watched"))!.Value.LatestRunId;

        // The trainer's part: it fails the run with a reason.
        var watch = Task.Run(() => api.RunAsync("api", "status", runId, "--watch", "--interval", "0.05", "--timeout", "1"));
        await Task.Delay(300);
        await runs.SetStageAsync(runId, RunStage.Failed, error: "too few pairs to train");
        var failed = await watch;

        Assert.Equal(ExitCodes.RuntimeFailure, failed.ExitCode);
        Assert.Contains("too few pairs to train", failed.Error);

        var timedOut = await api.RunAsync("api", "status", (await IngestAsync("stuck")), "--watch", "--interval", "0.05", "--timeout", "0.005");
        Assert.Equal(ExitCodes.RuntimeFailure, timedOut.ExitCode);
        Assert.Contains("is still generating", timedOut.Error);
    }

    [Fact]
    public async Task DemoStartsTheDotNetApiCorpusAndSaysHowToFollowItWhenNotSearchableInTime()
    {
        // No worker indexes here, so the corpus never becomes searchable: the command must give up clearly.
        var demo = await api.RunAsync("api", "demo", "--interval", "0.05", "--timeout", "0.01");

        Assert.Equal(ExitCodes.RuntimeFailure, demo.ExitCode);
        var runId = (await api.Services.GetRequiredService<RunStore>().GetCorpusAsync("dotnet-api"))!.Value.LatestRunId;
        Assert.Contains($"demo run {runId}", demo.Error);
        Assert.Contains("corpus 'dotnet-api' is not searchable after", demo.Error);
        Assert.Contains($"genq api status {runId} --watch", demo.Error);
    }

    private async Task<string> IngestAsync(string name)
    {
        var corpus = api.WriteFile(name, "corpus.jsonl", ThreeDocuments);
        (await api.RunAsync("api", "ingest", "--corpus", corpus)).AssertOk();
        return (await api.Services.GetRequiredService<RunStore>().GetCorpusAsync(name))!.Value.LatestRunId;
    }
}
