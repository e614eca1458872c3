using GenQ.Testing;
using GenQ.Training;

namespace GenQ.Training.Tests;

/// <summary>
/// Checkpoints by time and on cancellation (a graceful shutdown), and that resuming from either reaches the weights of
/// an uninterrupted run, byte for byte. Same set-up as <see cref="TrainerTests"/>: 40 pairs in batches of 8 are 5 steps
/// per epoch, 2 epochs.
/// </summary>
public sealed class CheckpointTriggerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _base;
    private readonly List<TrainingPair> _pairs = TinyBert.SyntheticPairs(40);

    public CheckpointTriggerTests() => _base = TinyBert.CreateBaseFolder(_dir.Combine("tiny"));

    [Theory]
    [InlineData(60, new[] { "step-0000003" })] // 25 s a step: 75 s have passed after step 3
    [InlineData(0, new string[0])]             // off: no step count, no epoch end yet, so nothing before the crash
    public void ACheckpointIsSavedOnceTheIntervalHasPassed(int everySeconds, string[] expected)
    {
        var options = Options(everySeconds);
        var clock = new ManualClock();

        Assert.Throws<SimulatedCrash>(() => new Trainer(options, time: clock)
            .Train(_pairs, _base, _dir.Combine("s"), runId: "run", progress: new Steps(clock, TimeSpan.FromSeconds(25), crashAt: 5)));

        var saved = Directory.Exists(_dir.Combine("s", ".checkpoints", "run"))
            ? Directory.GetDirectories(_dir.Combine("s", ".checkpoints", "run")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()
            : [];
        Assert.Equal(expected, saved);
    }

    [Fact]
    public void AfterATimedCheckpointARestartResumesThereAndReachesTheUninterruptedWeights()
    {
        var options = Options(everySeconds: 60);
        var straight = new Trainer(options).Train(_pairs, _base, _dir.Combine("straight"), runId: "run");
        var clock = new ManualClock();
        // Steps of 40 s: timed checkpoints after steps 2 and 4 (80 s each); step 5, the epoch's last, crashes.
        Assert.Throws<SimulatedCrash>(() => new Trainer(options, time: clock)
            .Train(_pairs, _base, _dir.Combine("crashy"), runId: "run", progress: new Steps(clock, TimeSpan.FromSeconds(40), crashAt: 5)));

        var resumed = new Trainer(options, time: clock).Train(_pairs, _base, _dir.Combine("crashy"), runId: "run");

        Assert.Equal(4, resumed.ResumedFromStep); // mid-epoch: batch 5 of epoch 1 is the first one trained again
        AssertSameModel(straight, resumed);
    }

    [Fact]
    public void CancellationSavesTheLastFinishedStepAndTheResumedRunReachesTheUninterruptedWeights()
    {
        var options = Options(everySeconds: 0); // only epoch ends (step 5) would save without the cancellation
        var straight = new Trainer(options).Train(_pairs, _base, _dir.Combine("straight"), runId: "run");
        using var shutdown = new CancellationTokenSource();

        Assert.Throws<OperationCanceledException>(() => new Trainer(options)
            .Train(_pairs, _base, _dir.Combine("stopped"), runId: "run", progress: new CancelAt(shutdown, step: 7), cancellationToken: shutdown.Token));
        var checkpoints = Directory.GetDirectories(_dir.Combine("stopped", ".checkpoints", "run")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["step-0000005", "step-0000007"], checkpoints);

        var reports = new List<TrainingProgress>();
        var resumed = new Trainer(options).Train(_pairs, _base, _dir.Combine("stopped"), runId: "run", progress: new Collect(reports));

        Assert.Equal(7, resumed.ResumedFromStep);
        Assert.Equal([8, 9, 10], reports.Select(r => r.Step)); // step 7 is not redone
        Assert.All(reports, r => Assert.Equal(7, r.ResumedFromStep));
        AssertSameModel(straight, resumed);
    }

    [Fact]
    public void ANegativeIntervalIsRefusedNamingTheOption()
    {
        var options = Options(everySeconds: -1);

        var ex = Assert.Throws<ArgumentException>(() => new Trainer(options).Train(_pairs, _base, _dir.Combine("s")));

        Assert.Contains("TrainingOptions.CheckpointEverySeconds", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private static TrainingOptions Options(int everySeconds)
    {
        var options = TinyBert.FastOptions();
        options.CheckpointEverySteps = 0;
        options.CheckpointEverySeconds = everySeconds;
        return options;
    }

    private static void AssertSameModel(TrainingResult expected, TrainingResult actual)
    {
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.FinalLoss, actual.FinalLoss);
        Assert.Equal(File.ReadAllBytes(Path.Combine(expected.ModelPath, "model.onnx")), File.ReadAllBytes(Path.Combine(actual.ModelPath, "model.onnx")));
    }

    /// <summary>Each step takes <paramref name="perStep"/> on <paramref name="clock"/>; the step <paramref name="crashAt"/> crashes the process.</summary>
    private sealed class Steps(ManualClock clock, TimeSpan perStep, int crashAt) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Step == crashAt)
            {
                throw new SimulatedCrash(); // before that step's checkpoint: as a kill during it would
            }
            clock.Advance(perStep);
        }
    }

    private sealed class CancelAt(CancellationTokenSource source, int step) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Step == step)
            {
                source.Cancel();
            }
        }
    }

    private sealed class Collect(List<TrainingProgress> into) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => into.Add(value);
    }

    private sealed class SimulatedCrash : Exception;
}
