using GenQ.Contracts.Jobs;
using GenQ.Embeddings.Inference;
using GenQ.ModelStore;
using GenQ.Queue.Abstractions;
using GenQ.Runs;
using GenQ.TrainerWorker.Training;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;
using Microsoft.Extensions.Options;

namespace GenQ.TrainerWorker.Indexing;

/// <summary>
/// Indexes an append run's passages (only those) into the corpus' published versions with each version's own model:
/// the live version first, so they are searchable seconds after the upload, then every other ready version, so a
/// rollback or a manual promotion serves them too. It looks again after each pass: a version that went live meanwhile
/// (a retraining finishing) gets them as well; IndexModelHandler does the mirror check after its own publish, so one of
/// the two always sees the other. Runs on its own stream, beside a training in progress. Redelivered after a crash it
/// appends the same passages again, which replaces them (same ids).
/// </summary>
public sealed partial class AppendIndexHandler(
    RunStore runs,
    IModelStore models,
    IVectorIndex index,
    IndexingMetrics metrics,
    IOptions<TrainerWorkerOptions> options,
    ILogger<AppendIndexHandler> logger) : IJobHandler<AppendPassagesJob>
{
    public async Task HandleAsync(AppendPassagesJob job, JobContext context, CancellationToken cancellationToken)
    {
        if (await runs.CheckCurrentAsync(job.RunId, job.Corpus) is { } reason)
        {
            LogSkipped(job.RunId, job.Corpus, reason);
            return;
        }
        var passages = await runs.ReadPassagesAsync(job.RunId);
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (await PendingVersionsAsync(job.Corpus, done, cancellationToken) is { Count: > 0 } versions)
        {
            foreach (var version in versions)
            {
                done.Add(version);
                // Through the model store: in Redis mode the version's files may not be (or no longer be) in this
                // worker's cache, and the store fetches and verifies them.
                string modelPath;
                try
                {
                    modelPath = await models.ResolveAsync(job.Corpus, version, null, cancellationToken);
                }
                catch (ModelStoreException)
                {
                    LogNoModel(job.Corpus, version);
                    continue;
                }
                await AppendAsync(job.Corpus, version, modelPath, passages, cancellationToken);
            }
        }
        // No ready version at all: the corpus' first (base) indexing is still queued, and it reads the whole content.
        LogAppended(job.Corpus, passages.Count, job.RunId, string.Join(", ", done));
    }

    /// <summary>Encodes <paramref name="passages"/> with the version's model and appends them to it.</summary>
    public async Task AppendAsync(string corpus, string version, string modelPath, IReadOnlyList<PassageRecord> passages, CancellationToken cancellationToken)
    {
        using var encoder = OnnxSentenceEncoder.Create(modelPath, new OnnxSentenceEncoderOptions
        {
            IntraOpThreads = 1,
            ConcurrentBatches = Math.Max(1, Environment.ProcessorCount),
            BatchSize = 32,
        }, logger);
        var points = new List<VectorPoint>(passages.Count);
        foreach (var batch in passages.Chunk(Math.Max(1, options.Value.IndexingBatchSize)))
        {
            var vectors = await encoder.EncodeAsync(batch.Select(PassageText.Compose).ToList(), cancellationToken);
            points.AddRange(batch.Select((p, i) => new VectorPoint(p.Id, p.Title, p.Text, vectors[i])));
        }
        await index.AppendAsync(corpus, version, points, cancellationToken);
        metrics.RecordPassages(points.Count, corpus);
    }

    // Ready versions not handled yet, the live one first.
    private async Task<List<string>> PendingVersionsAsync(string corpus, HashSet<string> done, CancellationToken cancellationToken) =>
        (await index.ListVersionsAsync(corpus, cancellationToken))
            .Where(v => v.State == IndexVersionState.Ready && !done.Contains(v.ModelVersion))
            .OrderByDescending(v => v.IsLive)
            .Select(v => v.ModelVersion)
            .ToList();

    [LoggerMessage(Level = LogLevel.Information, Message = "Append run {RunId} of corpus {Corpus} not indexed: {Reason}")]
    private partial void LogSkipped(string runId, string corpus, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Corpus {Corpus}: version {Version} has no registered model folder; appended passages not added to it")]
    private partial void LogNoModel(string corpus, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Corpus {Corpus}: {Passages} appended passages of run {RunId} indexed into {Versions}")]
    private partial void LogAppended(string corpus, int passages, string runId, string versions);
}
