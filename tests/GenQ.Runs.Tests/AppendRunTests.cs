using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Testing;
using StackExchange.Redis;

namespace GenQ.Runs.Tests;

/// <summary>Append runs on real Redis: the atomic corpus and duplicate checks, the content they add to, the retraining count.</summary>
public sealed class AppendRunTests : IAsyncLifetime
{
    private static readonly PassageRecord[] Base = [new("a", "A", "alpha text"), new("b", "", "beta text")];

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
    public async Task AnAppendToACorpusThatDoesNotExistStoresNothing()
    {
        var result = await _runs.CreateAppendRunAsync("nowhere", [new("c", "", "gamma")], batchCount: 1, retrainAfter: 10);

        Assert.True(result.CorpusMissing);
        Assert.Null(result.Run);
        Assert.Null(await _runs.GetCorpusAsync("nowhere"));
        Assert.Equal(0, await _redis.GetDatabase().SortedSetLengthAsync(RunKeys.RunIndex));
    }

    [Fact]
    public async Task AnIdTheCorpusAlreadyHasRejectsTheWholeAppendAndWritesNothing()
    {
        var current = await _runs.CreateRunAsync("docs", Base, batchCount: 1);
        var first = await _runs.CreateAppendRunAsync("docs", [new("c", "", "gamma")], batchCount: 1, retrainAfter: 10);

        // "d" is new, "b" is in the base upload; "c" came with the first append.
        var againBase = await _runs.CreateAppendRunAsync("docs", [new("d", "", "delta"), new("b", "", "beta again")], 1, 10);
        var againAppend = await _runs.CreateAppendRunAsync("docs", [new("c", "", "gamma again")], 1, 10);

        Assert.Equal("b", againBase.DuplicateId);
        Assert.Equal("c", againAppend.DuplicateId);
        Assert.Equal((current.RunId, 3), (await _runs.GetCorpusAsync("docs"))!.Value); // 2 + the first append's 1
        Assert.Equal(2, await _redis.GetDatabase().SetLengthAsync(RunKeys.CorpusRuns("docs")));
        Assert.Equal(["a", "b", "c"], (await _runs.ReadContentPassagesAsync(current.RunId)).Select(p => p.Id).Order());
        Assert.NotNull(first.Run);
    }

    [Fact]
    public async Task AnAppendLeavesTheRunInFlightCurrentAndAReplaceCancelsBoth()
    {
        var current = await _runs.CreateRunAsync("docs", Base, batchCount: 1);
        await _runs.SetStageAsync(current.RunId, RunStage.Training);

        var append = (await _runs.CreateAppendRunAsync("docs", [new("c", "", "gamma")], batchCount: 1, retrainAfter: 10)).Run!;
        var second = (await _runs.CreateAppendRunAsync("docs", [new("d", "", "delta")], batchCount: 1, retrainAfter: 10)).Run!;

        Assert.Equal(RunStage.Training, (await _runs.GetAsync(current.RunId))!.Stage);
        Assert.Null(await _runs.CheckCurrentAsync(current.RunId, "docs"));
        Assert.Null(await _runs.CheckCurrentAsync(append.RunId, "docs"));
        Assert.Equal((UploadMode.Append, current.RunId, 1), (append.Mode, append.Append!.BaseRunId, append.PassageCount));
        Assert.Equal([current.RunId, append.RunId, second.RunId], await _runs.ContentRunIdsAsync(second.RunId));
        Assert.Equal([current.RunId, append.RunId, second.RunId], await _runs.ContentRunIdsAsync(current.RunId));

        var replace = await _runs.CreateRunAsync("docs", Base, batchCount: 1);

        Assert.Equal($"superseded by run {replace.RunId}", await _runs.CheckCurrentAsync(append.RunId, "docs"));
        Assert.Equal(RunStage.Cancelled, (await _runs.GetAsync(second.RunId))!.Stage);
        Assert.Equal(RunStage.Cancelled, (await _runs.GetAsync(current.RunId))!.Stage);
        Assert.Equal([replace.RunId], await _runs.ContentRunIdsAsync(replace.RunId));
        Assert.Equal(UploadMode.Replace, (await _runs.GetAsync(replace.RunId))!.Mode);
    }

    [Fact]
    public async Task TheAppendThatReachesTheThresholdRetrainsAndTheCountStartsOverAsDoesAReplace()
    {
        await _runs.CreateRunAsync("docs", Base, batchCount: 1);

        var below = (await _runs.CreateAppendRunAsync("docs", Passages("x", 3), 1, retrainAfter: 5)).Run!.Append!;
        var reaching = (await _runs.CreateAppendRunAsync("docs", Passages("y", 2), 1, retrainAfter: 5)).Run!.Append!;
        var after = (await _runs.CreateAppendRunAsync("docs", Passages("z", 1), 1, retrainAfter: 5)).Run!.Append!;

        // 3 new (2 to go), then 3 + 2 = 5 reaches 5 and resets the count, then 1 new.
        Assert.Equal((3, 5, false), (below.NewSinceTraining, below.CorpusPassages, below.Retrains));
        Assert.Equal("appended 3 passage(s), searchable with the live model; retraining after 2 more", below.Summary);
        Assert.Equal((0, 7, true), (reaching.NewSinceTraining, reaching.CorpusPassages, reaching.Retrains));
        Assert.Equal((1, 8, false), (after.NewSinceTraining, after.CorpusPassages, after.Retrains));

        await _runs.CreateRunAsync("docs", Base, batchCount: 1);
        var fresh = (await _runs.CreateAppendRunAsync("docs", Passages("w", 4), 1, retrainAfter: 5)).Run!.Append!;
        Assert.Equal((4, 6, false), (fresh.NewSinceTraining, fresh.CorpusPassages, fresh.Retrains));
    }

    [Fact]
    public async Task TheLastBatchOfAnAppendBelowTheThresholdEndsItReadyAndOfARetrainingAppendQueuesItForTheTrainer()
    {
        await _runs.CreateRunAsync("docs", Base, batchCount: 1);
        var below = (await _runs.CreateAppendRunAsync("docs", Passages("x", 1), 1, retrainAfter: 2)).Run!;
        var reaching = (await _runs.CreateAppendRunAsync("docs", Passages("y", 1), 1, retrainAfter: 2)).Run!;

        await _runs.StorePairsAsync(new TrainingPairsJob(below.RunId, "docs", 0, 1, "test", 1, 0, [new("q", "x0")]));
        await _runs.StorePairsAsync(new TrainingPairsJob(reaching.RunId, "docs", 0, 1, "test", 1, 0, [new("q", "y0")]));

        var ready = (await _runs.GetAsync(below.RunId))!;
        Assert.Equal((RunStage.Ready, "appended 1 passage(s), searchable with the live model; retraining after 1 more"), (ready.Stage, ready.Detail));
        Assert.Equal(RunStage.WaitingForTrainer, (await _runs.GetAsync(reaching.RunId))!.Stage);
        Assert.Equal(["q", "q"], (await _runs.ReadContentPairsAsync(reaching.RunId)).Select(p => p.Query));
    }

    [Fact]
    public async Task ATrainingReadsTheContentAsItWasWhenItFirstStartedNotAppendsOrBatchesThatCameLater()
    {
        var current = await _runs.CreateRunAsync("docs", Base, batchCount: 2);
        await _runs.StorePairsAsync(new TrainingPairsJob(current.RunId, "docs", 0, 2, "test", 1, 0, [new("first", "a")]));

        await _runs.PinTrainingContentAsync(current.RunId);
        // After the training started (and, say, its trainer crashed): a late batch and an append with its pair.
        await _runs.StorePairsAsync(new TrainingPairsJob(current.RunId, "docs", 1, 2, "test", 1, 0, [new("late", "b")]));
        var append = (await _runs.CreateAppendRunAsync("docs", [new("c", "", "gamma")], batchCount: 1, retrainAfter: 10)).Run!;
        await _runs.StorePairsAsync(new TrainingPairsJob(append.RunId, "docs", 0, 1, "test", 1, 0, [new("appended", "c")]));
        await _runs.PinTrainingContentAsync(current.RunId); // the trainer that takes the run over pins again: no change

        Assert.Equal(["first"], (await _runs.ReadContentPairsAsync(current.RunId)).Select(p => p.Query));
        Assert.Equal(["a", "b"], (await _runs.ReadContentPassagesAsync(current.RunId)).Select(p => p.Id).Order());
        // The next training (the append's retraining) reads everything there is.
        Assert.Equal(["appended", "first", "late"], (await _runs.ReadContentPairsAsync(append.RunId)).Select(p => p.Query).Order());
    }

    private static PassageRecord[] Passages(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => new PassageRecord($"{prefix}{i}", "", $"{prefix} passage {i}")).ToArray();
}
