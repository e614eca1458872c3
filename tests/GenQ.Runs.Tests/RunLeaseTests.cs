using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Runs.Leases;
using GenQ.Testing;
using StackExchange.Redis;

namespace GenQ.Runs.Tests;

/// <summary>
/// The lease that ties a run's progress to a live owner, on real Redis with a manual clock: expiry is computed, never
/// waited for. The heartbeat timer is set to an hour here, so only the renewals the tests make count.
/// </summary>
public sealed class RunLeaseTests : IAsyncLifetime
{
    private static readonly RunLeaseOptions Lease = new() { HeartbeatInterval = TimeSpan.FromHours(1), Timeout = TimeSpan.FromSeconds(30) };

    private readonly ManualClock _clock = new();
    private RedisServer _server = null!;
    private ConnectionMultiplexer _redis = null!;
    private RunStore _runs = null!;

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync();
        _redis = await _server.ConnectAsync();
        _runs = new RunStore(_redis, _clock);
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AnOwnerThatRenewsStaysLiveAndOneThatStopsIsLostOnceItsLeaseRunsOut()
    {
        var runId = await TrainingRunAsync();
        await _runs.SetProgressAsync(runId, 0.3, "step 3/10, loss 0.5000, ETA 00:01:00");
        await using var lease = await RunLease.AcquireAsync(_runs, runId, "trainer-a", Lease, _clock);

        _clock.Advance(TimeSpan.FromSeconds(29));
        var live = await StatusAsync(runId);
        await lease.RenewAsync();                  // heartbeat at 29 s: the lease now lasts until 59 s
        _clock.Advance(TimeSpan.FromSeconds(30));
        var renewed = await StatusAsync(runId);    // 59 s: the last moment of the lease
        _clock.Advance(TimeSpan.FromSeconds(1));
        var lost = await StatusAsync(runId);       // 60 s: 31 s without a heartbeat

        Assert.Equal(("trainer-a", false, "step 3/10, loss 0.5000, ETA 00:01:00"), (live.Owner, live.OwnerLost, live.Detail));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(29), renewed.HeartbeatAt);
        Assert.False(renewed.OwnerLost);
        Assert.True(lost.OwnerLost);
        Assert.Equal(RunStage.Training, lost.Stage);
        Assert.Equal("trainer lost, resuming: no heartbeat from trainer-a for 31 s; the next free trainer takes the run over from its last checkpoint (a trainer trains one run at a time)", lost.Detail);
        Assert.Equal(0.3, lost.Progress); // how far it got stays; the dead owner's ETA does not
    }

    [Fact]
    public async Task ANewOwnerEndsTheLossAndTheOldOwnersReleaseDoesNotTakeItsLeaseAway()
    {
        var runId = await TrainingRunAsync();
        var first = await RunLease.AcquireAsync(_runs, runId, "trainer-a", Lease, _clock);
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True((await StatusAsync(runId)).OwnerLost);

        await using var second = await RunLease.AcquireAsync(_runs, runId, "trainer-b", Lease, _clock);
        await _runs.SetResumedFromStepAsync(runId, 6);
        await first.ReleaseAsync();
        var takenOver = await StatusAsync(runId);
        await second.ReleaseAsync();
        var handedOn = await StatusAsync(runId);

        Assert.Equal(("trainer-b", false, 6), (takenOver.Owner, takenOver.OwnerLost, takenOver.ResumedFromStep));
        Assert.Null(handedOn.Owner);
        Assert.False(handedOn.OwnerLost);
        Assert.Equal(6, handedOn.ResumedFromStep);
    }

    [Theory]
    [InlineData(RunStage.Training, true)]
    [InlineData(RunStage.Indexing, true)]
    [InlineData(RunStage.Ready, false)]
    [InlineData(RunStage.Failed, false)]
    [InlineData(RunStage.WaitingForTrainer, false)]
    public async Task OnlyARunBeingTrainedOrIndexedLosesItsOwner(RunStage stage, bool lost)
    {
        var runId = await TrainingRunAsync();
        await using var lease = await RunLease.AcquireAsync(_runs, runId, "trainer-a", Lease, _clock);
        await _runs.SetStageAsync(runId, stage);
        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(lost, (await StatusAsync(runId)).OwnerLost);
    }

    [Fact]
    public async Task ACancelledRunTakesNoHeartbeat()
    {
        var runId = await TrainingRunAsync();
        await _runs.CancelAsync(runId, "superseded by run x");

        await using var lease = await RunLease.AcquireAsync(_runs, runId, "trainer-a", Lease, _clock);

        Assert.False(await lease.RenewAsync());
        Assert.Null((await StatusAsync(runId)).Owner);
    }

    [Fact]
    public async Task TheHeartbeatRenewsTheLeaseOnItsOwn()
    {
        var runs = new RunStore(_redis, TimeProvider.System);
        var runId = await TrainingRunAsync();
        var options = new RunLeaseOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromSeconds(30) };
        await using var lease = await RunLease.AcquireAsync(runs, runId, "trainer-a", options, TimeProvider.System);
        var first = (await runs.GetAsync(runId))!.HeartbeatAt;

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await runs.GetAsync(runId))!.HeartbeatAt == first)
        {
            Assert.True(DateTime.UtcNow < deadline, "no heartbeat after the first within 10 s at a 50 ms interval");
            await Task.Delay(20);
        }
    }

    private async Task<string> TrainingRunAsync()
    {
        var run = await _runs.CreateRunAsync("docs", [new PassageRecord("a", "A", "alpha")], batchCount: 1);
        await _runs.SetStageAsync(run.RunId, RunStage.Training);
        return run.RunId;
    }

    private async Task<RunStatus> StatusAsync(string runId) => (await _runs.GetAsync(runId))!;
}
