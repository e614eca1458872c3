using GenQ.Cli.Service;
using GenQ.Contracts.Runs;

namespace GenQ.Cli.Tests;

public sealed class StageClockTests
{
    private sealed class ManualTime : TimeProvider
    {
        public long Ticks { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;

        public void Advance(double seconds) => Ticks += (long)(seconds * TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void EachStageGetsTheTimeUntilALaterStageIsSeenAndSkippedStagesAreListedWithZero()
    {
        var time = new ManualTime();
        var clock = new StageClock(time);
        clock.Add(RunStage.Ingesting, TimeSpan.FromSeconds(2));
        clock.Observe(RunStage.Generating);
        time.Advance(10);
        clock.Observe(RunStage.Generating);
        time.Advance(5);
        clock.Observe(RunStage.Indexing); // training began and ended between two polls
        time.Advance(3);
        clock.Observe(RunStage.Ready);

        Assert.Equal(
            new Dictionary<string, double> { ["ingesting"] = 2, ["generating"] = 15, ["training"] = 0, ["indexing"] = 3 },
            clock.Seconds());
    }

    [Fact]
    public void AFailedRunListsOnlyTheStagesItWasSeenIn()
    {
        var time = new ManualTime();
        var clock = new StageClock(time);
        clock.Observe(RunStage.Generating);
        time.Advance(4);
        clock.Observe(RunStage.Failed);

        Assert.Equal(new Dictionary<string, double> { ["ingesting"] = 0, ["generating"] = 4 }, clock.Seconds());
    }
}
