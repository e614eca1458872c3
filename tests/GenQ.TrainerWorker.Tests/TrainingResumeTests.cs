using System.Diagnostics.Metrics;
using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Queue.Abstractions;
using GenQ.Runs;
using GenQ.Runs.Leases;
using GenQ.Testing;
using GenQ.TrainerWorker.Training;
using GenQ.Training.Tests;
using GenQ.Training;

namespace GenQ.TrainerWorker.Tests;

/// <summary>
/// Training stopped half-way (the host shutting down cancels the handler) and taken over by another trainer process:
/// the run status says the first trainer is lost, the second one resumes from the step the first finished, and its
/// model is the model an undisturbed trainer makes of the same data, byte for byte.
/// </summary>
public sealed class TrainingResumeTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private string _data = null!;
    private string _base = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _data = Directory.CreateTempSubdirectory("genq-trainer-worker-").FullName;
        _base = TinyBert.CreateBaseFolder(Path.Combine(_data, "tiny"));
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task ATrainerStoppedMidTrainingIsShownLostAndTheNextOneResumesAndMakesTheUndisturbedModel()
    {
        var (passages, pairs) = TrainerWorkerData.Corpus(48);
        var clock = new ManualClock();
        string straightRun, stoppedRun;
        await using (var first = new TrainerWorkerHost(_redis.ConnectionString, _data, _base, clock))
        {
            var runs = first.Get<RunStore>();
            straightRun = await TrainerWorkerData.GeneratedRunAsync(runs, "straight", passages, pairs);
            stoppedRun = await TrainerWorkerData.GeneratedRunAsync(runs, "stopped", passages, pairs);
            await Handler(first).HandleAsync(new TrainRunJob(straightRun, "straight"), Context(), CancellationToken.None);

            // The host stops during step 4: the trainer sees it before step 4 and keeps the three finished steps.
            using var shutdown = new CancellationTokenSource();
            using var steps = CancelAfterSteps(3, shutdown);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                Handler(first).HandleAsync(new TrainRunJob(stoppedRun, "stopped"), Context(), shutdown.Token));
            Assert.True(Directory.Exists(Path.Combine(_data, "models", "stopped", ".checkpoints", stoppedRun, "step-0000003")));

            var beforeTimeout = await runs.GetAsync(stoppedRun);
            clock.Advance(new RunLeaseOptions().Timeout + TimeSpan.FromSeconds(1));
            var lost = (await runs.GetAsync(stoppedRun))!;
            Assert.Equal((RunStage.Training, RunLeases.ThisProcess, false), (beforeTimeout!.Stage, beforeTimeout.Owner, beforeTimeout.OwnerLost));
            Assert.True(lost.OwnerLost);
            Assert.StartsWith("trainer lost, resuming", lost.Detail, StringComparison.Ordinal);
        }

        // While no trainer holds the run, an append adds a passage and its pair to the corpus: the resumed training
        // still reads the data it checkpointed (the append waits for the next retraining), so its checkpoint fits.
        await using (var appender = new TrainerWorkerHost(_redis.ConnectionString, _data, _base))
        {
            var runs = appender.Get<RunStore>();
            var append = (await runs.CreateAppendRunAsync("stopped", [new PassageRecord("appended-1", "", "a passage that came later")], 1, 1000)).Run!;
            await runs.StorePairsAsync(new TrainingPairsJob(append.RunId, "stopped", 0, 1, "test", 1, 0, [new("later query", "appended-1")]));
        }

        // Another trainer process (a fresh service container) gets the redelivered job.
        await using var second = new TrainerWorkerHost(_redis.ConnectionString, _data, _base);
        await Handler(second).HandleAsync(new TrainRunJob(stoppedRun, "stopped"), Context(delivery: 2), CancellationToken.None);

        var resumed = (await second.Get<RunStore>().GetAsync(stoppedRun))!;
        var straight = (await second.Get<RunStore>().GetAsync(straightRun))!;
        Assert.Equal((RunStage.Indexing, "v0001", 3, false, null), (resumed.Stage, resumed.ModelVersion, resumed.ResumedFromStep, resumed.OwnerLost, resumed.Owner));
        Assert.Null(straight.ResumedFromStep);
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(_data, "models", "straight", "v0001", "model.onnx")),
            await File.ReadAllBytesAsync(Path.Combine(_data, "models", "stopped", "v0001", "model.onnx")));
        Assert.False(Directory.Exists(Path.Combine(_data, "models", "stopped", ".checkpoints", stoppedRun))); // removed after the export
    }

    [Fact]
    public async Task ATrainingThatFailsOnItsLastDeliveryEndsTheRunFailedWithTheReasonInsteadOfLostForEver()
    {
        var (passages, pairs) = TrainerWorkerData.Corpus(48);
        await using var host = new TrainerWorkerHost(_redis.ConnectionString, _data, _base);
        var runs = host.Get<RunStore>();
        var run = await TrainerWorkerData.GeneratedRunAsync(runs, "broken", passages, pairs);
        using (var shutdown = new CancellationTokenSource())
        using (CancelAfterSteps(2, shutdown))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                Handler(host).HandleAsync(new TrainRunJob(run, "broken"), Context(), shutdown.Token));
        }
        // The checkpoint cannot be read any more (a disk fault): every redelivery fails the same way.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_data, "models", "broken", ".checkpoints", run), "*", SearchOption.AllDirectories))
        {
            await File.WriteAllTextAsync(file, "not a checkpoint");
        }

        await Assert.ThrowsAnyAsync<Exception>(() => Handler(host).HandleAsync(new TrainRunJob(run, "broken"), Context(delivery: 2, max: 3), CancellationToken.None));
        Assert.Equal(RunStage.Training, (await runs.GetAsync(run))!.Stage); // not the last delivery: retried later
        await Assert.ThrowsAnyAsync<Exception>(() => Handler(host).HandleAsync(new TrainRunJob(run, "broken"), Context(delivery: 3, max: 3), CancellationToken.None));

        var failed = (await runs.GetAsync(run))!;
        Assert.Equal(RunStage.Failed, failed.Stage);
        Assert.StartsWith("training failed on its last attempt (3): ", failed.Error, StringComparison.Ordinal);
        Assert.Null(failed.Owner);
    }

    private static TrainRunHandler Handler(TrainerWorkerHost host) =>
        (TrainRunHandler)host.Get<IJobHandler<TrainRunJob>>();

    private static JobContext Context(int delivery = 1, int max = 5) => new("test", delivery, DateTimeOffset.UtcNow, max);

    /// <summary>Cancels <paramref name="source"/> when the trainer's step counter (meter GenQ.Training) reaches <paramref name="steps"/>.</summary>
    private static MeterListener CancelAfterSteps(int steps, CancellationTokenSource source)
    {
        var seen = 0;
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == TrainingMetrics.MeterName && instrument.Name == "genq.training.steps")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            if (Interlocked.Add(ref seen, (int)value) == steps)
            {
                source.Cancel();
            }
        });
        listener.Start();
        return listener;
    }
}
