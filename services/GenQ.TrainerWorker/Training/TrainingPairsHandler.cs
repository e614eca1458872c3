using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Queue.Abstractions;
using GenQ.Runs;

namespace GenQ.TrainerWorker.Training;

/// <summary>
/// Stores the generated pairs of one batch durably for its run (the message is acknowledged only after this
/// returns); once every batch of the run is stored, asks for the run to be trained (an append run only when it is the
/// one that reached the retraining threshold). Pairs of a cancelled or deleted run
/// are dropped (and acknowledged).
/// </summary>
public sealed partial class TrainingPairsHandler(RunStore runs, IJobQueue queue, ILogger<TrainingPairsHandler> logger) : IJobHandler<TrainingPairsJob>
{
    public async Task HandleAsync(TrainingPairsJob job, JobContext context, CancellationToken cancellationToken)
    {
        var storedBatches = await runs.StorePairsAsync(job);
        if (storedBatches < 0)
        {
            LogDropped(job.BatchNumber, job.RunId);
            return;
        }
        LogStored(job.Pairs.Count, job.BatchNumber, job.RunId, storedBatches, job.BatchCount);
        if (storedBatches >= job.BatchCount)
        {
            LogGenerationComplete(job.RunId);
            if (await runs.GetAsync(job.RunId) is { Mode: UploadMode.Append, Append.Retrains: false } append)
            {
                // Below the retraining threshold: its pairs wait for the retraining a later append triggers.
                LogAppendReady(job.RunId, append.Append.Summary);
                return;
            }
            // One id per run: a redelivered last batch cannot start a second training.
            await queue.PublishAsync(new TrainRunJob(job.RunId, job.Corpus), messageId: $"{job.RunId}:train", cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Pairs} pairs of batch {Batch} for run {RunId} ({Stored}/{Total} batches)")]
    private partial void LogStored(int pairs, int batch, string runId, int stored, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pairs of batch {Batch} dropped: run {RunId} was cancelled or deleted")]
    private partial void LogDropped(int batch, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Append run {RunId} is ready without training: {Summary}")]
    private partial void LogAppendReady(string runId, string summary);

    [LoggerMessage(Level = LogLevel.Information, Message = "Generation for run {RunId} is complete: every batch's pairs are stored")]
    private partial void LogGenerationComplete(string runId);
}
