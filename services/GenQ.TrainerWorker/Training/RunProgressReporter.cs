using System.Globalization;
using GenQ.Runs;
using GenQ.Training.Training;

namespace GenQ.TrainerWorker.Training;

/// <summary>Writes training progress into the run's status (what GET /api/runs/{id} shows), at most once a second.</summary>
internal sealed class RunProgressReporter(RunStore runs, string runId) : IProgress<TrainingProgress>
{
    private long _lastReport;

    public void Report(TrainingProgress value)
    {
        var now = Environment.TickCount64;
        if (now - Interlocked.Read(ref _lastReport) < 1000 && value.Step < value.TotalSteps)
        {
            return;
        }
        Interlocked.Exchange(ref _lastReport, now);
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"step {value.Step}/{value.TotalSteps}, loss {value.Loss:F4}, lr {value.LearningRate:E2}, {value.PairsPerSecond:F1} pairs/s, ETA {value.EstimatedTimeRemaining:hh\\:mm\\:ss}");
        // Progress is informative: a failed status write must not fail the training step that reported it.
        _ = runs.SetProgressAsync(runId, value.TotalSteps == 0 ? 0 : (double)value.Step / value.TotalSteps, detail)
            .ContinueWith(static _ => { }, TaskScheduler.Default);
    }
}
