using System.Text.Json;
using GenQ.Cli.Infrastructure;
using GenQ.Contracts.Runs;
using GenQ.Contracts.Models;
using GenQ.Embeddings.Models;
using GenQ.Evaluation.Reporting;
using GenQ.Runs;
using GenQ.SearchApi.FunctionalTests;
using Microsoft.Extensions.DependencyInjection;

namespace GenQ.Cli.Tests;

/// <summary>`genq api versions` and `genq api promote` against the real search API (the workers' indexing done by the test).</summary>
public sealed class VersionsCommandTests(ServiceApiFixture api) : IClassFixture<ServiceApiFixture>
{
    [Fact]
    public async Task VersionsShowsTheGateDecisionAndPromoteSwitchesAndRollsBack()
    {
        var runId = await SetUpAsync("clivers");

        var table = (await api.RunAsync("api", "versions", "--name", "clivers")).AssertOk();
        var kept = Row(table.Out, "v0002");
        Assert.Contains("gpl", kept);
        Assert.Contains("kept", kept);
        Assert.Contains("weighted:0.7", kept);
        Assert.DoesNotContain("live", kept);
        Assert.Contains("live", Row(table.Out, "v0001"));
        Assert.Contains("rrf:60", Row(table.Out, $"base-{runId}"));

        var promoted = (await api.RunAsync("api", "promote", "--name", "clivers", "--version", "v0002")).AssertOk();
        Assert.Equal("v0002", promoted.Out.Trim());
        Assert.Contains("promoted by an operator; live was v0001", promoted.Error);

        var rolledBack = (await api.RunAsync("api", "promote", "--name", "clivers", "--version", "v0001")).AssertOk();
        Assert.Equal("v0001", rolledBack.Out.Trim());
        Assert.Contains("rolled back by an operator; live was v0002", rolledBack.Error);

        var beir = Path.GetDirectoryName(api.WriteFile("clivers-beir", "queries.jsonl", EvaluationCorpus.Queries))!;
        api.WriteFile(Path.Combine("clivers-beir", "qrels"), "test.tsv", EvaluationCorpus.Qrels);
        var served = EvaluationReport.FromJson((await api.RunAsync("api", "evaluate", "--name", "clivers", "--data", beir, "--modes", "dense", "--json")).AssertOk().Out);
        Assert.Equal([$"base-{runId}", "v0001"], served.Systems.Select(s => s.ModelVersion)); // v0002 is superseded again
        var all = EvaluationReport.FromJson((await api.RunAsync("api", "evaluate", "--name", "clivers", "--data", beir, "--modes", "dense", "--versions", "all", "--json")).AssertOk().Out);
        Assert.Equal([$"base-{runId}", "v0001", "v0002"], all.Systems.Select(s => s.ModelVersion));

        var json = JsonDocument.Parse((await api.RunAsync("api", "versions", "--name", "clivers", "--json")).AssertOk().Out).RootElement;
        var live = json.EnumerateArray().Single(v => v.GetProperty("live").GetBoolean());
        Assert.Equal("v0001", live.GetProperty("version").GetString());
        Assert.True(live.GetProperty("promotion").GetProperty("manual").GetBoolean());
    }

    [Fact]
    public async Task ProblemsFromTheApiArePrintedInWords()
    {
        await SetUpAsync("clivers-bad");

        var unknownVersion = await api.RunAsync("api", "promote", "--name", "clivers-bad", "--version", "v0099");
        Assert.Equal(ExitCodes.BadInput, unknownVersion.ExitCode);
        Assert.Contains("has no version 'v0099'", unknownVersion.Error);

        var unknownCorpus = await api.RunAsync("api", "versions", "--name", "nosuchcorpus");
        Assert.Equal(ExitCodes.BadInput, unknownCorpus.ExitCode);
        Assert.Contains("No corpus named 'nosuchcorpus'", unknownCorpus.Error);

        var wrongKey = await api.RunAsync("api", "promote", "--name", "clivers-bad", "--version", "v0002", "--api-key", "wrong");
        Assert.Equal(ExitCodes.BadInput, wrongKey.ExitCode);
        Assert.Contains("401", wrongKey.Error);

        Assert.Equal(ExitCodes.BadInput, (await api.RunAsync("api", "promote", "--name", "clivers-bad")).ExitCode); // --version missing
    }

    // Ingest, index the base, a live fine-tune v0001 and a candidate v0002 the gate kept (gpl, weighted fusion).
    private async Task<string> SetUpAsync(string corpus)
    {
        (await api.RunAsync("api", "ingest", "--corpus", api.WriteFile(corpus, "corpus.jsonl", EvaluationCorpus.Documents))).AssertOk();
        var runId = (await api.Services.GetRequiredService<RunStore>().GetCorpusAsync(corpus))!.Value.LatestRunId;
        await RunIndexer.IndexBaseAsync(api.Services, corpus, runId);
        await RunIndexer.RegisterAdaptedCopyAsync(api.Services, corpus, runId, "v0001", Folder(corpus, "v0001"), pairs: 42);
        await RunIndexer.IndexAsync(api.Services, corpus, runId, "v0001");
        await RunIndexer.RegisterAdaptedCopyAsync(api.Services, corpus, runId, "v0002", Folder(corpus, "v0002"), pairs: 17, manifest => manifest with
        {
            TrainingSettings = new Dictionary<string, string> { ["method"] = "gpl" },
            Hybrid = new ModelHybridSettings { Method = "weighted", Alpha = 0.7 },
            Promotion = new PromotionReport(PromotionReport.Kept, "no gain", "v0002", "v0001"),
        });
        await RunIndexer.IndexAsync(api.Services, corpus, runId, "v0002", activate: false);
        return runId;
    }

    private string Folder(string corpus, string version) => Path.Combine(api.DataDirectory, "models", corpus, version);

    private static string Row(string table, string version) =>
        table.Split('\n').Single(line => line.Contains($" {version} ", StringComparison.Ordinal));
}
