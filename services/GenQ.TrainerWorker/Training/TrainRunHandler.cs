using GenQ.Adaptation.TrainingData;
using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Embeddings.Models;
using GenQ.Hybrid.Tuning;
using GenQ.ModelStore;
using GenQ.Queue.Abstractions;
using GenQ.Runs;
using GenQ.Runs.Leases;
using GenQ.Training;
using Microsoft.Extensions.Options;

namespace GenQ.TrainerWorker.Training;

/// <summary>
/// Fine-tunes the base bi-encoder on a run's stored pairs, exports it into its data folder, puts it into the model store and announces the new
/// version for indexing. A crash mid-training is redelivered and resumes from the trainer's last checkpoint. A run that is
/// no longer its corpus' current run (a newer upload superseded it, or the corpus was deleted) is not trained, and when
/// that happens during training its model is not announced: the run ends cancelled. While it trains, the handler holds
/// the run's lease, so a trainer that dies shows as lost in the run status until another one takes the run over.
/// </summary>
public sealed partial class TrainRunHandler(
    RunStore runs,
    ModelRegistry models,
    IJobQueue queue,
    BaseModelProvider baseModel,
    IOptions<TrainingOptions> trainingOptions,
    IOptions<TrainerWorkerOptions> workerOptions,
    IOptions<TrainingDataOptions> dataOptions,
    RunTrainingData trainingData,
    IOptions<StorageOptions> storage,
    IModelStore store,
    TrainingMetrics metrics,
    RunLeases leases,
    TimeProvider clock,
    ILoggerFactory loggerFactory,
    ILogger<TrainRunHandler> logger) : IJobHandler<TrainRunJob>
{
    public async Task HandleAsync(TrainRunJob job, JobContext context, CancellationToken cancellationToken)
    {
        var status = await runs.GetAsync(job.RunId);
        if (status is null)
        {
            LogUnknownRun(job.RunId);
            return;
        }
        var before = await runs.CheckCurrentAsync(job.RunId, job.Corpus);
        if (before is not null || !await runs.SetStageAsync(job.RunId, RunStage.Training))
        {
            LogCancelled(job.RunId, "before training", before ?? "cancelled");
            return;
        }
        // Disposed without a release when training stops unfinished (shutdown, crash, retry): the lease then runs out.
        await using var lease = await leases.HoldAsync(job.RunId);
        // The whole corpus: a run trains on its own pairs and those of every append to its content (old and new pairs),
        // as they are when its training first starts; a resumed training reads the same (later appends wait).
        await runs.PinTrainingContentAsync(job.RunId);
        var passages = (await runs.ReadContentPassagesAsync(job.RunId)).ToDictionary(p => p.Id);
        var stored = (await runs.ReadContentPairsAsync(job.RunId)).Where(pair => passages.ContainsKey(pair.PassageId)).ToList();
        // Held-out passages tune hybrid search and gate the model after indexing; training on them would flatter it.
        var split = HoldOut.Split(stored, workerOptions.Value.HoldOutFraction, workerOptions.Value.HoldOutMax);
        var (pairs, set, _) = await trainingData.BuildAsync(split.Training, passages, cancellationToken);
        var options = trainingOptions.Value;
        await runs.SetTrainingAsync(job.RunId, new RunTrainingReport(
            options.Method == TrainingMethod.Mnrl ? "mnrl" : "gpl", pairs.Count, split.HeldOut.Count, set.DroppedCopies, set.OverBudget,
            dataOptions.Value.MaxPairs, options.MaxSteps, options.Epochs));

        TrainingResult result;
        try
        {
            var trainer = new Trainer(options, loggerFactory.CreateLogger<Trainer>(), metrics, clock);
            var progress = new RunProgressReporter(runs, job.RunId);
            result = await trainer.TrainAsync(pairs, baseModel.Folder.Path, storage.Value.ModelsDirectory(job.Corpus),
                job.RunId, progress, cancellationToken);
        }
        catch (TrainingDataException ex)
        {
            // Too few or unusable pairs will not get better on a retry: fail the run with the reason and acknowledge.
            await runs.SetStageAsync(job.RunId, RunStage.Failed, error: ex.Message);
            await lease.ReleaseAsync();
            LogTrainingRejected(job.RunId, ex.Message);
            return;
        }
        catch (Exception ex) when (context.IsLastAttempt && ex is not OperationCanceledException)
        {
            // The queue dead-letters the job after this attempt: without this the run would show "trainer lost,
            // resuming" for ever. Rethrown, so the dead-letter stream keeps the job and its error.
            await runs.SetStageAsync(job.RunId, RunStage.Failed, error: $"training failed on its last attempt ({context.DeliveryAttempt}): {ex.Message}");
            await lease.ReleaseAsync();
            throw;
        }

        if (await runs.CheckCurrentAsync(job.RunId, job.Corpus) is { } after)
        {
            // Trained on superseded content: the model must never serve, so it is not registered nor indexed.
            await lease.ReleaseAsync();
            LogCancelled(job.RunId, "after training", after);
            return;
        }
        var version = Path.GetFileName(result.ModelPath);
        // In the Redis store, before it is announced: the indexer (and later every search replica) fetches it from there.
        var record = await store.PutAsync(job.Corpus, version, result.ModelPath, cancellationToken);
        await models.RegisterAsync(job.Corpus, version, result.ModelPath);
        await runs.SetStageAsync(job.RunId, RunStage.Indexing, modelVersion: version);
        await queue.PublishAsync(new IndexModelJob(job.RunId, job.Corpus, version, result.ModelPath, IsBaseModel: false, record?.Digest),
            messageId: $"{job.RunId}:model:{version}", cancellationToken);
        await lease.ReleaseAsync(); // indexing is the next job's: it holds a lease of its own
        LogHeldOut(job.RunId, split.HeldOut.Count, stored.Count);
        LogTrained(job.RunId, version, result.Steps, result.FinalLoss, result.PairsPerSecond, result.Duration.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} does not exist; nothing to train")]
    private partial void LogUnknownRun(string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} cancelled {When}: {Reason}")]
    private partial void LogCancelled(string runId, string when, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} cannot be trained: {Reason}")]
    private partial void LogTrainingRejected(string runId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: {HeldOut} of {Pairs} pairs held out of training to tune hybrid search")]
    private partial void LogHeldOut(string runId, int heldOut, int pairs);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Run {RunId} trained as model {Version}: {Steps} steps, final loss {Loss:F4}, {PairsPerSecond:F1} pairs/s, {Seconds:F0} s")]
    private partial void LogTrained(string runId, string version, int steps, double loss, double pairsPerSecond, double seconds);
}
