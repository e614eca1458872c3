using System.Diagnostics;
using GenQ.Embeddings;
using GenQ.Embeddings.Models;
using GenQ.Training.Checkpointing;
using GenQ.Training.Export;
using GenQ.Training.Import;
using GenQ.Training.Modeling;
using GenQ.Training.Optimization;
using GenQ.Training.Sampling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace GenQ.Training;

/// <summary>
/// Fine-tunes a bi-encoder on (query, passage[, hard negative]) pairs with MultipleNegativesRankingLoss, or on
/// (query, positive, negative, teacher margin) with MarginMSELoss (GPL, <see cref="TrainingOptions.Method"/>), and
/// exports it as a versioned model folder. Checkpoints let a restarted trainer resume and reach the same weights as an
/// uninterrupted run: batches are a function of (seed, epoch), dropout is seeded per step, the schedule per step.
/// Checkpoints are written every <see cref="TrainingOptions.CheckpointEverySteps"/> steps, every
/// <see cref="TrainingOptions.CheckpointEverySeconds"/> seconds (by <paramref name="time"/>), at epoch ends and when
/// the run is cancelled (a graceful shutdown), so a restart redoes at most the step that was in flight.
/// </summary>
public sealed class Trainer(TrainingOptions options, ILogger<Trainer>? logger = null, TrainingMetrics? metrics = null, TimeProvider? time = null)
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public TrainingOptions Options { get; } = options;

    /// <summary>Trains off the calling thread; see <see cref="Train"/>.</summary>
    public Task<TrainingResult> TrainAsync(
        IReadOnlyList<TrainingPair> pairs, string baseModelFolder, string outputRoot, string? runId = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        => Task.Run(() => Train(pairs, baseModelFolder, outputRoot, runId, progress, cancellationToken), cancellationToken);

    /// <param name="pairs">Training pairs of the run.</param>
    /// <param name="baseModelFolder">Model folder to start from (e.g. <c>BaseModelLocator.GetMiniLM().Path</c>).</param>
    /// <param name="outputRoot">Model store: the export goes to <c>outputRoot/vNNNN</c>, checkpoints to <c>outputRoot/.checkpoints/runId</c>.</param>
    /// <param name="runId">Identifies the run for checkpoints and the manifest; by default derived from the data and options.</param>
    /// <remarks>When it returns or throws, the run's model, optimizer and tensors are gone and
    /// <see cref="NativeHeap.Release"/> has handed the freed memory back, so a worker's idle memory does not keep
    /// each run's peak.</remarks>
    public TrainingResult Train(
        IReadOnlyList<TrainingPair> pairs, string baseModelFolder, string outputRoot, string? runId = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return TrainCore(pairs, baseModelFolder, outputRoot, runId, progress, cancellationToken);
        }
        finally
        {
            var (before, after) = NativeHeap.Release();
            if (before is { } b && after is { } a)
            {
                TrainerLog.MemoryReleased(_logger, b, a);
            }
        }
    }

    private TrainingResult TrainCore(
        IReadOnlyList<TrainingPair> pairs, string baseModelFolder, string outputRoot, string? runId,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        TrainingData.Validate(pairs, Options);
        var baseFolder = ModelFolder.Open(baseModelFolder);
        if (Options.TorchThreads > 0)
        {
            set_num_threads(Options.TorchThreads);
        }

        var device = ResolveDevice();
        var (precision, precisionReason) = PrecisionSupport.Resolve(Options.Precision, device.type);
        TrainerLog.PrecisionChosen(_logger, precision.ToString(), precisionReason);
        var autocast = PrecisionSupport.AutocastDtype(precision);
        var fingerprint = TrainingData.Fingerprint(pairs, Options, precision);
        runId ??= "run-" + fingerprint[..12].ToLowerInvariant();
        var useNegatives = Options.Method == TrainingMethod.MarginMse || pairs.All(p => !string.IsNullOrWhiteSpace(p.HardNegative));
        var batchSize = Math.Min(Options.BatchSize, pairs.Count);
        if (batchSize < Options.BatchSize)
        {
            TrainerLog.BatchSizeReduced(_logger, Options.BatchSize, pairs.Count, batchSize);
        }

        var sampler = new NoDuplicatesBatchSampler(
            pairs.Select(p => useNegatives ? new[] { p.Query, p.Passage, p.HardNegative! } : [p.Query, p.Passage]).ToArray(),
            batchSize, Options.Seed, bucketLengths: Options.LengthBucketing ? pairs.Select(p => p.Passage.Length).ToArray() : null);
        var epochs = Enumerable.Range(0, Options.Epochs).Select(sampler.GetBatches).ToArray();
        var allSteps = epochs.Sum(e => e.Count);
        var totalSteps = Math.Min(allSteps, Options.MaxSteps ?? int.MaxValue);
        if (totalSteps < allSteps)
        {
            TrainerLog.StepsCapped(_logger, totalSteps, allSteps);
        }

        var schedule = new LinearWarmupSchedule(totalSteps, (int)Math.Ceiling(totalSteps * Options.WarmupFraction));
        var baseFingerprint = $"{baseFolder.Manifest.ModelName}|{baseFolder.Manifest.Version}|{new FileInfo(baseFolder.ModelPath).Length}";

        using var model = SentenceEncoderLoader.FromModelFolder(
            baseFolder, adjust: c => Options.AttentionDropout is { } p ? c with { AttentionProbsDropoutProb = p } : c);
        model.to(device);
        model.train();
        using var optimizer = OptimizerFactory.CreateAdamW(model.Bert, Options.LearningRate, Options.WeightDecay);
        var objective = new TrainingObjective(model, Options, useNegatives);
        var store = new CheckpointStore(Path.Combine(outputRoot, ".checkpoints", runId), Options.CheckpointsToKeep);
        var (step, startEpoch, startBatch, lastLoss) = (0, 0, 0, double.NaN);
        if (store.Latest() is { } latest)
        {
            var state = CheckpointStore.ReadState(latest);
            if (state.BaseModelFingerprint != baseFingerprint)
            {
                throw new InvalidDataException(
                    $"Base model mismatch: checkpoint '{latest}' was trained from '{state.BaseModelFingerprint}', not '{baseFingerprint}' ({baseFolder.Path}).");
            }

            if (state.RunFingerprint != fingerprint)
            {
                throw new InvalidDataException($"Checkpoint '{latest}' belongs to a run with other pairs or options; use another run id or delete {store.Directory}.");
            }

            CheckpointStore.Restore(latest, model, optimizer);
            (step, startEpoch, startBatch, lastLoss) = (state.Step, state.Epoch, state.BatchInEpoch, state.LastLoss);
            TrainerLog.Resuming(_logger, latest, step);
        }

        var resumedFrom = step;
        var (savedStep, savedAt) = (step, _time.GetTimestamp());
        // The position after the last finished step is the checkpoint: (epoch, next batch of it).
        void SaveCheckpoint(int epoch, int batchInEpoch)
        {
            var path = store.Save(model, optimizer, new CheckpointState
            {
                Step = step,
                Epoch = epoch,
                BatchInEpoch = batchInEpoch,
                TotalSteps = totalSteps,
                LastLoss = lastLoss,
                BaseModelFingerprint = baseFingerprint,
                RunFingerprint = fingerprint,
                ModelSha256 = string.Empty,
                OptimizerSha256 = string.Empty,
            });
            (savedStep, savedAt) = (step, _time.GetTimestamp());
            TrainerLog.CheckpointSaved(_logger, step, path);
        }

        TrainerLog.Starting(_logger, device.type.ToString(), pairs.Count, totalSteps, Options.Epochs, batchSize, baseFolder.Manifest.ModelName);
        var clock = Stopwatch.StartNew();
        long pairsDone = 0;
        for (var epoch = startEpoch; epoch < epochs.Length && step < totalSteps; epoch++)
        {
            var batches = epochs[epoch];
            for (var b = epoch == startEpoch ? startBatch : 0; b < batches.Count && step < totalSteps; b++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    // Graceful shutdown: keep every finished step, so the next trainer goes on from here.
                    if (step > savedStep)
                    {
                        SaveCheckpoint(epoch, b);
                    }
                    TrainerLog.Cancelled(_logger, step, totalSteps);
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var batch = batches[b].Select(i => pairs[i]).ToArray();
                var lr = Options.LearningRate * schedule.Factor(step);
                lastLoss = TrainStep(model, objective, optimizer, batch, lr, step, device, autocast);
                step++;
                pairsDone += batch.Length;
                metrics?.RecordStep(batch.Length, lastLoss, lr);
                Report(progress, step, totalSteps, epoch, lastLoss, lr, step - resumedFrom, pairsDone, clock.Elapsed);
                var endOfEpoch = b == batches.Count - 1;
                if ((Options.CheckpointEverySteps > 0 && step % Options.CheckpointEverySteps == 0)
                    || (Options.CheckpointEverySeconds > 0 && _time.GetElapsedTime(savedAt) >= TimeSpan.FromSeconds(Options.CheckpointEverySeconds))
                    || (endOfEpoch && step < totalSteps))
                {
                    SaveCheckpoint(endOfEpoch ? epoch + 1 : epoch, endOfEpoch ? 0 : b + 1);
                }
            }
        }

        clock.Stop();
        var pairsPerSecond = pairsDone / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        model.eval();
        var exported = OnnxModelExporter.Export(model, baseFolder.ModelPath, outputRoot, version => new ModelManifest
        {
            ModelName = $"genq-{baseFolder.Manifest.ModelName}",
            Version = version,
            BaseModel = $"{baseFolder.Manifest.ModelName} ({baseFolder.Manifest.Version})",
            RunId = runId,
            CreatedUtc = DateTimeOffset.UtcNow,
            EmbeddingDimension = model.Bert.Config.HiddenSize,
            MaxSequenceLength = baseFolder.Manifest.MaxSequenceLength,
            LowerCase = baseFolder.Manifest.LowerCase,
            TrainingSettings = Options.Describe(precision),
            Metrics = new Dictionary<string, double>
            {
                ["finalLoss"] = lastLoss,
                ["steps"] = step,
                ["pairs"] = pairs.Count,
                ["pairsPerSecond"] = pairsPerSecond,
                // Wall time of the steps of this process (a resumed run counts from its restart), for evaluation reports.
                ["trainingSeconds"] = clock.Elapsed.TotalSeconds,
            },
        });
        TrainerLog.Exported(_logger, exported.Manifest.Version, exported.Path, lastLoss);
        if (Directory.Exists(store.Directory))
        {
            Directory.Delete(store.Directory, recursive: true);
        }

        return new TrainingResult(exported, step, lastLoss, pairsPerSecond, clock.Elapsed, resumedFrom);
    }

    private double TrainStep(SentenceEncoderModel model, TrainingObjective objective, optim.Optimizer optimizer,
        TrainingPair[] batch, double lr, int step, Device device, ScalarType? autocast)
    {
        using var scope = NewDisposeScope();
        // Dropout is seeded per step, so a resumed run draws the same masks as an uninterrupted one.
        random.manual_seed((Options.Seed * 1_000_003L) + step);
        var inputs = objective.Tokenize(batch, device);
        optimizer.zero_grad();
        Tensor value;
        using (Autocast.Enable(autocast))
        {
            value = objective.Forward(inputs); // bf16 matmuls under autocast; the loss itself is float32
        }

        value.backward();
        nn.utils.clip_grad_norm_(model.Bert.parameters(), Options.MaxGradNorm);
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = lr;
        }

        optimizer.step();
        return value.item<float>();
    }

    private void Report(IProgress<TrainingProgress>? progress, int step, int totalSteps, int epoch, double loss, double lr, int stepsThisSession, long pairsDone, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        var stepsPerSecond = stepsThisSession / seconds;
        var eta = TimeSpan.FromSeconds((totalSteps - step) / Math.Max(stepsPerSecond, 1e-9));
        var report = new TrainingProgress(step, totalSteps, epoch, loss, lr, stepsPerSecond, pairsDone / seconds, eta, step - stepsThisSession);
        metrics?.RecordProgress(report);
        if (step % Math.Max(1, Options.LogEverySteps) == 0 || step == totalSteps)
        {
            TrainerLog.Progress(_logger, step, totalSteps, epoch, loss, lr, stepsPerSecond, report.PairsPerSecond, eta);
        }

        progress?.Report(report);
    }

    private Device ResolveDevice()
    {
        var wanted = Options.Device.Trim().ToLowerInvariant();
        if (wanted == "cuda" || (wanted == "auto" && cuda.is_available()))
        {
            return CUDA;
        }

        if (wanted == "auto")
        {
            TrainerLog.CpuFallback(_logger);
        }

        return wanted is "auto" or "cpu" ? CPU : throw new ArgumentException($"TrainingOptions.Device must be auto, cpu or cuda, not '{Options.Device}'.");
    }
}
