using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Testing;
using StackExchange.Redis;

namespace GenQ.Runs.Tests;

public sealed class RunStoreTests : IAsyncLifetime
{
    private RedisServer _server = null!;
    private ConnectionMultiplexer _redis = null!;
    private RunStore _runs = null!;

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync();
        _redis = await _server.ConnectAsync();
        _runs = new RunStore(_redis, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        await _server.DisposeAsync();
    }

    private static readonly PassageRecord[] Passages = [new("a", "A", "alpha text"), new("b", "", "beta text"), new("c", "C", "gamma")];

    [Fact]
    public async Task AClaimGoesToExactlyOneOfManyCallersUntilReleasedOrExpired()
    {
        await using var secondConnection = await _server.ConnectAsync(); // a second replica's connection
        var otherProcess = new RunStore(secondConnection, TimeProvider.System);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? _runs : otherProcess).TryClaimAsync("demo-ingest", TimeSpan.FromMinutes(1))));

        Assert.Equal(1, claims.Count(won => won));
        Assert.False(await _runs.TryClaimAsync("demo-ingest", TimeSpan.FromMinutes(1)));
        Assert.True(await _runs.TryClaimAsync("other-work", TimeSpan.FromMinutes(1))); // claims are per name
        await otherProcess.ReleaseClaimAsync("demo-ingest");
        Assert.True(await _runs.TryClaimAsync("demo-ingest", TimeSpan.FromMilliseconds(200)));
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Assert.True(await otherProcess.TryClaimAsync("demo-ingest", TimeSpan.FromMinutes(1))); // the short hold expired
    }

    [Fact]
    public async Task CreatedRunHoldsItsPassagesAndStartsGenerating()
    {
        var run = await _runs.CreateRunAsync("demo", Passages, batchCount: 2);

        Assert.Equal(RunStage.Generating, run.Stage);
        Assert.Equal(3, run.PassageCount);
        Assert.Equal(2, run.BatchCount);
        Assert.Equal(Passages.OrderBy(p => p.Id), (await _runs.ReadPassagesAsync(run.RunId)).OrderBy(p => p.Id));
    }

    [Fact]
    public async Task StoringTheSameBatchTwiceCountsItOnceAndTheLastBatchMovesTheRunToWaitingForTheTrainer()
    {
        var run = await _runs.CreateRunAsync("demo", Passages, batchCount: 2);
        var first = new TrainingPairsJob(run.RunId, "demo", 0, 2, "fallback:test", 2, 0, [new("q1", "a"), new("q2", "b")]);
        var second = new TrainingPairsJob(run.RunId, "demo", 1, 2, "fallback:test", 1, 1, [new("q3", "c")]);

        Assert.Equal(1, await _runs.StorePairsAsync(first));
        Assert.Equal(1, await _runs.StorePairsAsync(first with { Pairs = [new("changed", "a")] }));
        Assert.Equal(RunStage.Generating, (await _runs.GetAsync(run.RunId))!.Stage);
        Assert.Equal(2, await _runs.StorePairsAsync(second));

        var status = (await _runs.GetAsync(run.RunId))!;
        Assert.Equal(RunStage.WaitingForTrainer, status.Stage);
        Assert.Equal(3, status.PairsStored);
        Assert.Equal(2, status.BatchesGenerated);
        Assert.Equal("fallback:test", status.Generator);
        Assert.Equal(["q1", "q2", "q3"], (await _runs.ReadPairsAsync(run.RunId)).Select(p => p.Query));
    }

    [Fact]
    public async Task HybridTuningReportIsPartOfTheStatusAndSurvivesAStageChange()
    {
        var run = await _runs.CreateRunAsync("demo", Passages, batchCount: 1);
        Assert.Null(run.Hybrid);
        var report = new RunHybridReport("weighted(alpha=0.7)", 42, [new("rrf(k=60)", 0.61), new("weighted(alpha=0.7)", 0.66)]);

        await _runs.SetHybridAsync(run.RunId, report);
        await _runs.SetStageAsync(run.RunId, RunStage.Ready);

        var status = (await _runs.GetAsync(run.RunId))!;
        Assert.Equal(RunStage.Ready, status.Stage);
        Assert.Equal(report.Chosen, status.Hybrid!.Chosen);
        Assert.Equal(42, status.Hybrid.HeldOutQueries);
        Assert.Equal(report.Candidates, status.Hybrid.Candidates);
    }

    [Fact]
    public async Task UnknownRunIsNull() => Assert.Null(await _runs.GetAsync("nope"));
}
