using GenQ.WebApp.Display;

namespace GenQ.WebApp.Tests.Display;

public sealed class TrainingSnapshotTests
{
    [Fact]
    public void TheTrainersProgressLineGivesStepLossAndEta()
    {
        // The trainer words it so: step {Step}/{TotalSteps}, loss {F4}, lr {E2}, {F1} pairs/s, ETA {hh:mm:ss}.
        var snapshot = TrainingSnapshot.Parse("step 40/120, loss 0.3100, lr 1.50E-005, 12.3 pairs/s, ETA 00:01:10");

        Assert.Equal(new TrainingSnapshot(40, 120, 0.31, "00:01:10"), snapshot);
    }

    [Fact]
    public void OtherDetailsAreNoSnapshot()
    {
        Assert.Null(TrainingSnapshot.Parse("tuning hybrid search on held-out synthetic queries"));
        Assert.Null(TrainingSnapshot.Parse(null));
    }

    [Fact]
    public void TheHistoryKeepsOnePointPerStepInStepOrder()
    {
        var history = new LossHistory();
        history.Add(new TrainingSnapshot(20, 30, 0.5, null));
        history.Add(new TrainingSnapshot(10, 30, 0.9, null));
        history.Add(new TrainingSnapshot(20, 30, 0.5, null)); // polled twice at the same step
        history.Add(new TrainingSnapshot(30, 30, double.NaN, null));

        Assert.Equal([(10, 0.9), (20, 0.5)], history.Points);
    }
}
