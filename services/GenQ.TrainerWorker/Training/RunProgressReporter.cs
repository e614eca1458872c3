using System.Globalization;
using GenQ.Runs;
using GenQ.Training;

namespace GenQ.TrainerWorker.Training;

/// <summary>
/// Writes training progress into the run's status (what GET /api/runs/{id} shows), at most once a second, and once
/// that the training went on from a checkpoint (a trainer before this one was lost).
/// </summary>
internal sealed class RunProgressReporter(RunStore runs, string runId) : IProgress<TrainingProgress>
{
    private long _lastReport;
    private int _resumedReported;

    public void Report(TrainingProgress value)
    {
        if (value.ResumedFromStep > 0 && Interlocked.Exchange(ref _resumedReported, 1) == 0)
        {
            Quietly(runs.SetResumedFromStepAsync(runId, value.ResumedFromStep));
        }
        var now = Environment.TickCount64;
        if (now - Interlocked.Read(ref _lastReport) < 1000 && value.Step < value.TotalSteps)
        {
            return;
        }
        Interlocked.Exchange(ref _lastReport, now);
        var resumed = value.ResumedFromStep > 0 ? string.Create(CultureInfo.InvariantCulture, $" (resumed from step {value.ResumedFromStep})") : "";
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"step {value.Step}/{value.TotalSteps}{resumed}, loss {value.Loss:F4}, lr {value.LearningRate:E2}, {value.PairsPerSecond:F1} pairs/s, ETA {value.EstimatedTimeRemaining:hh\\:mm\\:ss}");
        Quietly(runs.SetProgressAsync(runId, value.TotalSteps == 0 ? 0 : (double)value.Step / value.TotalSteps, detail));
    }

    // Progress is informative: a failed status write must not fail the training step that reported it.
    private static void Quietly(Task write) => _ = write.ContinueWith(static _ => { }, TaskScheduler.Default);
}
