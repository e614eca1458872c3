using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Testing;
using StackExchange.Redis;

namespace GenQ.Runs.Tests;

/// <summary>Replace semantics, the "is this run still current" check the workers make, and corpus deletion, on real Redis.</summary>
public sealed class RunLifecycleTests : IAsyncLifetime
{
    private static readonly PassageRecord[] Passages = [new("a", "A", "alpha text"), new("b", "", "beta text")];

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

    [Fact]
    public async Task AnUploadToAnExistingCorpusCancelsItsUnfinishedRunsAndBecomesCurrent()
    {
        var finished = await _runs.CreateRunAsync("docs", Passages, batchCount: 1);
        await _runs.SetStageAsync(finished.RunId, RunStage.Ready);
        var older = await _runs.CreateRunAsync("docs", Passages, batchCount: 1);
        await _runs.SetStageAsync(older.RunId, RunStage.Training);
        var other = await _runs.CreateRunAsync("elsewhere", Passages, batchCount: 1);

        var newer = await _runs.CreateRunAsync("docs", [.. Passages, new("c", "", "gamma")], batchCount: 1);

        var cancelled = (await _runs.GetAsync(older.RunId))!;
        Assert.Equal(RunStage.Cancelled, cancelled.Stage);
        Assert.Equal($"superseded by run {newer.RunId}", cancelled.Error);
        Assert.Equal(RunStage.Ready, (await _runs.GetAsync(finished.RunId))!.Stage); // history stays as it was
        Assert.Equal(RunStage.Generating, (await _runs.GetAsync(other.RunId))!.Stage); // other corpora are untouched
        Assert.Equal(RunStage.Generating, (await _runs.GetAsync(newer.RunId))!.Stage);
        Assert.Equal((newer.RunId, 3), (await _runs.GetCorpusAsync("docs"))!.Value);
    }

    [Fact]
    public async Task OnlyTheCurrentRunPassesTheCheckAndASupersededOneIsCancelledByIt()
    {
        var first = await _runs.CreateRunAsync("docs", Passages, batchCount: 1);
        Assert.Null(await _runs.CheckCurrentAsync(first.RunId, "docs"));

        var second = await _runs.CreateRunAsync("docs", Passages, batchCount: 1);

        Assert.Equal($"superseded by run {second.RunId}", await _runs.CheckCurrentAsync(first.RunId, "docs"));
        Assert.Null(await _runs.CheckCurrentAsync(second.RunId, "docs"));
        // A third upload: the first run's recorded reason stays the one that cancelled it, the second now fails the check.
        var third = await _runs.CreateRunAsync("docs", Passages, batchCount: 1);
        Assert.Equal($"superseded by run {third.RunId}", await _runs.CheckCurrentAsync(second.RunId, "docs"));
        Assert.Equal($"superseded by run {second.RunId}", (await _runs.GetAsync(first.RunId))!.Error);
    }

    [Fact]
    public async Task ARunCancelledByHandStopsPassingTheCheckEvenThoughItIsCurrent()
    {
        var run = await _runs.CreateRunAsync("docs", Passages, batchCount: 1);

        Assert.True(await _runs.CancelAsync(run.RunId, "stopped by an operator"));

        Assert.Equal("stopped by an operator", await _runs.CheckCurrentAsync(run.RunId, "docs"));
        Assert.False(await _runs.CancelAsync(run.RunId, "again")); // already final
    }

    [Fact]
    public async Task ACancelledRunNeverMovesAgainAndItsLatePairsAreDropped()
    {
        var older = await _runs.CreateRunAsync("docs", Passages, batchCount: 1);
        await _runs.CreateRunAsync("docs", Passages, batchCount: 1);

        Assert.False(await _runs.SetStageAsync(older.RunId, RunStage.Training));
        Assert.False(await _runs.SetStageAsync(older.RunId, RunStage.Ready, modelVersion: "v0001"));
        await _runs.SetProgressAsync(older.RunId, 0.5, "step 5/10");
        var stored = await _runs.StorePairsAsync(new TrainingPairsJob(older.RunId, "docs", 0, 1, "fallback:test", 2, 0, [new("q", "a")]));

        Assert.Equal(-1, stored);
        var status = (await _runs.GetAsync(older.RunId))!;
        Assert.Equal(RunStage.Cancelled, status.Stage);
        Assert.Null(status.ModelVersion);
        Assert.Null(status.Detail);
        Assert.Equal(0, status.PairsStored);
        Assert.Empty(await _runs.ReadPairsAsync(older.RunId));
    }

    [Fact]
    public async Task DeletingACorpusRemovesItsRunsAndRegistryButNoOtherCorpus()
    {
        var models = new ModelRegistry(_redis);
        var first = await _runs.CreateRunAsync("docs", Passages, batchCount: 1);
        var second = await _runs.CreateRunAsync("docs", Passages, batchCount: 1);
        await _runs.StorePairsAsync(new TrainingPairsJob(second.RunId, "docs", 0, 1, "fallback:test", 2, 0, [new("q", "a")]));
        await models.RegisterAsync("docs", "v0001", "/models/docs/v0001");
        var kept = await _runs.CreateRunAsync("kept", Passages, batchCount: 1);

        var removed = await _runs.DeleteCorpusAsync("docs");

        Assert.Equal(new[] { first.RunId, second.RunId }.Order(), removed!.Order());
        Assert.Null(await _runs.GetCorpusAsync("docs"));
        Assert.Equal(["kept"], await _runs.ListCorporaAsync());
        Assert.Null(await _runs.GetAsync(first.RunId));
        Assert.Null(await _runs.GetAsync(second.RunId));
        Assert.Empty(await _runs.ReadPassagesAsync(second.RunId));
        Assert.Empty(await _runs.ReadPairsAsync(second.RunId));
        Assert.Empty(await models.ListAsync("docs"));
        var db = _redis.GetDatabase();
        Assert.Equal([kept.RunId], (await db.SortedSetRangeByRankAsync(RunKeys.RunIndex)).Select(id => id.ToString()));
        Assert.NotNull(await _runs.GetAsync(kept.RunId));
        Assert.Null(await _runs.DeleteCorpusAsync("docs")); // unknown now
    }

    [Fact]
    public async Task WorkersFindADeletedRunGoneAndTheirLateWritesDoNotBringItBack()
    {
        var run = await _runs.CreateRunAsync("docs", Passages, batchCount: 1);
        await _runs.DeleteCorpusAsync("docs");

        Assert.NotNull(await _runs.CheckCurrentAsync(run.RunId, "docs"));
        Assert.False(await _runs.SetStageAsync(run.RunId, RunStage.Ready));
        await _runs.SetProgressAsync(run.RunId, 1, "done");
        await _runs.SetPromotionAsync(run.RunId, new PromotionReport(PromotionReport.Kept, "too few queries", "v0001", null));
        Assert.Equal(-1, await _runs.StorePairsAsync(new TrainingPairsJob(run.RunId, "docs", 0, 1, "fallback:test", 2, 0, [new("q", "a")])));

        Assert.Null(await _runs.GetAsync(run.RunId));
        Assert.False(await _redis.GetDatabase().KeyExistsAsync(RunKeys.Pairs(run.RunId)));
    }
}
