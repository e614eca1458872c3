using System.Diagnostics;
using System.Globalization;
using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Embeddings.Inference;
using GenQ.Lexical;
using GenQ.ModelStore;
using GenQ.Quantization;
using GenQ.Queue.Abstractions;
using GenQ.Runs;
using GenQ.Runs.Leases;
using GenQ.TrainerWorker.Training;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;
using Microsoft.Extensions.Options;

namespace GenQ.TrainerWorker.Indexing;

/// <summary>
/// Encodes every passage of a run's corpus content (the run's passages and those appended to it) with an announced model version into a new index collection, tunes hybrid fusion
/// and asks the promotion gate whether it may replace the live version; then seals it and switches the corpus alias to
/// it only when promoted (searches never see a half-built version; a kept version stays ready for a manual promotion),
/// and prunes old versions. The base model indexed at upload always goes live: it serves the new content.
/// Redelivered after a crash, it builds a half-built version again from scratch, and a version sealed just before the
/// crash goes live now if the first try's decision was to make it live. A trained model's indexing holds the run's lease.
/// </summary>
public sealed partial class IndexModelHandler(
    RunStore runs,
    IVectorIndex index,
    IndexingMetrics metrics,
    RunHybridTuner hybridTuner,
    RunPromotionGate promotionGate,
    RunLeases leases,
    IModelStore store,
    IOptions<VectorStoreOptions> indexOptions,
    IOptions<TrainerWorkerOptions> options,
    ILogger<IndexModelHandler> logger) : IJobHandler<IndexModelJob>
{
    public async Task HandleAsync(IndexModelJob job, JobContext context, CancellationToken cancellationToken)
    {
        try
        {
            await IndexAsync(job, cancellationToken);
        }
        finally
        {
            // The encoders' ONNX Runtime arenas (and the gate's and tuner's) went back to malloc, which keeps them:
            // handed back to the system, so the worker's idle memory is not the peak of its last indexing.
            GenQ.Embeddings.NativeHeap.Release();
        }
    }

    private async Task IndexAsync(IndexModelJob job, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (await runs.CheckCurrentAsync(job.RunId, job.Corpus) is { } reason)
        {
            LogSkipped(job.Corpus, job.ModelVersion, job.RunId, reason);
            return;
        }
        // The whole corpus: the run's content generation with every append recorded so far (appends may still come).
        var contentRuns = await runs.ContentRunIdsAsync(job.RunId);
        var passages = await ReadPassagesAsync(contentRuns);
        if (!job.IsBaseModel)
        {
            await runs.SetStageAsync(job.RunId, RunStage.Indexing, modelVersion: job.ModelVersion);
        }
        await using var lease = job.IsBaseModel ? null : await leases.HoldAsync(job.RunId);
        // With the Redis store the folder is this trainer's verified copy of what was announced, fetched when another
        // process (the search API for a base model, another trainer) put it; in the shared-folder mode the path itself.
        job = job with { ModelPath = await ResolveAsync(job, cancellationToken) };

        // One intra-op thread per batch and as many batches at once as cores: measured faster than one batch on all
        // cores for corpus encoding (docs/benchmarks/search.md, "concurrent batches").
        using var encoder = OnnxSentenceEncoder.Create(job.ModelPath, new OnnxSentenceEncoderOptions
        {
            IntraOpThreads = 1,
            ConcurrentBatches = Math.Max(1, Environment.ProcessorCount),
            BatchSize = 32,
        }, logger);
        // Re-creating a version that was left half-built by a crash starts it over; a published one is kept as is.
        var existing = (await index.ListVersionsAsync(job.Corpus, cancellationToken)).FirstOrDefault(v => v.ModelVersion == job.ModelVersion);
        var activate = true;
        if (existing?.State != IndexVersionState.Ready)
        {
            // Qdrant's BM25 document weights need the corpus' average analysed length before the first upsert; the
            // embedded backend's Lucene index counts lengths itself, so it is spared the extra pass over the corpus.
            var lexical = index.Backend.Kind == VectorIndexBackendKind.Qdrant
                ? LexicalCorpusStatistics.Compute(passages.Select(PassageText.Compose), indexOptions.Value.LexicalAnalyzer, cancellationToken)
                : null;
            await index.CreateVersionAsync(job.Corpus, job.ModelVersion, encoder.Dimension, lexical, cancellationToken);
            var batchSize = Math.Max(1, options.Value.IndexingBatchSize);
            // Kept only for the hybrid tuning of a trained model (the base model is not tuned).
            var corpusVectors = job.IsBaseModel ? null : new float[passages.Count][];
            for (var offset = 0; offset < passages.Count; offset += batchSize)
            {
                var batch = passages.Skip(offset).Take(batchSize).ToList();
                var vectors = await encoder.EncodeAsync(batch.Select(PassageText.Compose).ToList(), cancellationToken);
                if (corpusVectors is not null)
                {
                    vectors.CopyTo(corpusVectors, offset);
                }
                await index.UpsertAsync(job.Corpus, job.ModelVersion,
                    batch.Select((p, i) => new VectorPoint(p.Id, p.Title, p.Text, vectors[i])).ToList(), cancellationToken);
                metrics.RecordPassages(batch.Count, job.Corpus);
                if (!job.IsBaseModel)
                {
                    var done = offset + batch.Count;
                    await runs.SetProgressAsync(job.RunId, (double)done / passages.Count,
                        string.Create(CultureInfo.InvariantCulture, $"{done}/{passages.Count} passages encoded with {job.ModelVersion}"));
                }
            }
            if (corpusVectors is not null)
            {
                // Before publishing: the search API reads the fusion choice from the manifest when it loads the encoder.
                await runs.SetProgressAsync(job.RunId, 1, "tuning hybrid search on held-out synthetic queries");
                await hybridTuner.TuneAsync(job, passages, corpusVectors, encoder, cancellationToken);
                await runs.SetProgressAsync(job.RunId, 1, "comparing the new model with the live version on held-out synthetic queries");
                var promotion = await promotionGate.DecideAsync(job, passages, corpusVectors, encoder, cancellationToken);
                activate = promotion.Decision == PromotionReport.Promoted;
            }
            // Passages appended while this version was built went into the versions that were ready then, not into this one.
            contentRuns = await CatchUpAsync(job, encoder, contentRuns, published: false, cancellationToken);
            WriteInt8QueryModel(job.ModelPath);
            // Fusion choice, gate decision and int8 model are now in the folder: put again, before the version can go
            // live, so every search replica fetches the complete version.
            await store.PutAsync(job.Corpus, job.ModelVersion, job.ModelPath, cancellationToken);
        }
        else
        {
            // Sealed by a try that stopped before the alias switch (or after it: switching again changes nothing).
            activate = job.IsBaseModel || (await runs.GetAsync(job.RunId))?.Promotion is { Decision: PromotionReport.Promoted } decided
                && decided.Candidate == job.ModelVersion;
        }
        if (await runs.CheckCurrentAsync(job.RunId, job.Corpus) is { } superseded)
        {
            await SetAsideAsync(job, superseded, cancellationToken);
            return;
        }
        await index.PublishVersionAsync(job.Corpus, job.ModelVersion, activate, cancellationToken);
        // An append whose indexer listed the versions just before this publish missed this one: add its passages now.
        await CatchUpAsync(job, encoder, contentRuns, published: true, cancellationToken);
        var removed = await index.PruneVersionsAsync(job.Corpus, cancellationToken);

        if (!job.IsBaseModel)
        {
            await runs.SetStageAsync(job.RunId, RunStage.Ready, modelVersion: job.ModelVersion);
            await lease!.ReleaseAsync();
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.RecordIndex(elapsed, job.Corpus);
        LogIndexed(job.Corpus, passages.Count, job.ModelVersion, elapsed.TotalSeconds, activate ? "made live" : "kept out of service by the promotion gate", removed.Count);
    }

    private async Task<IReadOnlyList<PassageRecord>> ReadPassagesAsync(IReadOnlyList<string> contentRuns)
    {
        var passages = new List<PassageRecord>();
        foreach (var run in contentRuns)
        {
            passages.AddRange(await runs.ReadPassagesAsync(run));
        }
        return passages;
    }

    /// <summary>
    /// Adds the passages of append runs recorded after <paramref name="known"/> was read to this version: upserted while
    /// it is still building, appended once it is published. Returns the content runs it now holds.
    /// </summary>
    private async Task<IReadOnlyList<string>> CatchUpAsync(
        IndexModelJob job, OnnxSentenceEncoder encoder, IReadOnlyList<string> known, bool published, CancellationToken cancellationToken)
    {
        var now = await runs.ContentRunIdsAsync(job.RunId);
        var added = now.Except(known, StringComparer.Ordinal).ToList();
        if (added.Count == 0)
        {
            return known;
        }
        var passages = await ReadPassagesAsync(added);
        var points = new List<VectorPoint>(passages.Count);
        foreach (var batch in passages.Chunk(Math.Max(1, options.Value.IndexingBatchSize)))
        {
            var vectors = await encoder.EncodeAsync(batch.Select(PassageText.Compose).ToList(), cancellationToken);
            points.AddRange(batch.Select((p, i) => new VectorPoint(p.Id, p.Title, p.Text, vectors[i])));
        }
        if (published)
        {
            await index.AppendAsync(job.Corpus, job.ModelVersion, points, cancellationToken);
        }
        else
        {
            await index.UpsertAsync(job.Corpus, job.ModelVersion, points, cancellationToken);
        }
        LogCaughtUp(job.Corpus, job.ModelVersion, points.Count, string.Join(", ", added));
        return now;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Corpus {Corpus}: {Passages} passages appended meanwhile (runs {Runs}) added to {Version}")]
    private partial void LogCaughtUp(string corpus, string version, int passages, string runs);

    /// <summary>
    /// A version built for a run that stopped being current while it was built: sealed without going live when the
    /// corpus has a live version (an operator may still look at it), otherwise dropped (the corpus was deleted, or its
    /// new upload is not indexed yet; a sealed version cannot exist without a live one).
    /// </summary>
    private async Task SetAsideAsync(IndexModelJob job, string reason, CancellationToken cancellationToken)
    {
        if (await index.GetLiveVersionAsync(job.Corpus, cancellationToken) is not null)
        {
            await index.PublishVersionAsync(job.Corpus, job.ModelVersion, activate: false, cancellationToken);
        }
        else
        {
            await index.DeleteVersionAsync(job.Corpus, job.ModelVersion, cancellationToken);
        }
        LogSetAside(job.Corpus, job.ModelVersion, job.RunId, reason);
    }

    private async Task<string> ResolveAsync(IndexModelJob job, CancellationToken cancellationToken) =>
        job.ModelDigest is null && store.Kind == ModelStoreKind.Local
            ? job.ModelPath
            : await store.ResolveAsync(job.Corpus, job.ModelVersion, job.ModelDigest, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Corpus {Corpus}: {Version} not indexed, run {RunId} is not current: {Reason}")]
    private partial void LogSkipped(string corpus, string version, string runId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Corpus {Corpus}: {Version} not made live, run {RunId} stopped being current while it was indexed: {Reason}")]
    private partial void LogSetAside(string corpus, string version, string runId, string reason);

    /// <summary>
    /// The search API embeds queries with <c>model.int8.onnx</c> when the folder has it (several times cheaper per query,
    /// −0.003 nDCG@10 on cranfield against the fp32 corpus); written before publishing so the API finds it on first load.
    /// Without it queries stay fp32, so a failure is logged, not fatal.
    /// </summary>
    private void WriteInt8QueryModel(string modelPath)
    {
        try
        {
            DynamicInt8Quantizer.WriteInt8Model(modelPath);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            LogNoInt8(modelPath, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No int8 query model written for {ModelPath} (queries stay fp32): {Reason}")]
    private partial void LogNoInt8(string modelPath, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Corpus {Corpus}: {Passages} passages indexed with {Version} in {Seconds:F1} s and {Outcome}; {Removed} old version(s) removed")]
    private partial void LogIndexed(string corpus, int passages, string version, double seconds, string outcome, int removed);
}
