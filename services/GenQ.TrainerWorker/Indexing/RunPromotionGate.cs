using GenQ.Adaptation.Promotion;
using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Embeddings;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Evaluation.Hybrid;
using GenQ.Evaluation.Retrieval;
using GenQ.Hybrid.Fusion;
using GenQ.Hybrid.Tuning;
using GenQ.ModelStore;
using GenQ.Runs;
using GenQ.TrainerWorker.Training;
using GenQ.VectorStore;
using Microsoft.Extensions.Options;

namespace GenQ.TrainerWorker.Indexing;

/// <summary>
/// Decides, before the alias switch, whether a run's newly indexed model may replace the corpus' live version
/// (<see cref="PromotionGate"/> on the run's held-out passages, the same ones fusion was tuned on) and records the
/// decision in the model's manifest, the run status, the logs and the <c>genq.promotion.decisions</c> metric.
/// </summary>
public sealed partial class RunPromotionGate(
    RunStore runs,
    ModelRegistry models,
    IModelStore store,
    IVectorIndex index,
    IndexingMetrics metrics,
    TimeProvider clock,
    IOptions<TrainerWorkerOptions> options,
    IOptions<PromotionGateOptions> gateOptions,
    IOptions<VectorStoreOptions> indexOptions,
    ILogger<RunPromotionGate> logger)
{
    /// <param name="corpusVectors">The passages' embeddings by <paramref name="candidate"/>, in <paramref name="passages"/> order.</param>
    public async Task<PromotionReport> DecideAsync(
        IndexModelJob job, IReadOnlyList<PassageRecord> passages, float[][] corpusVectors, ISentenceEncoder candidate,
        CancellationToken cancellationToken)
    {
        var manifestPath = Path.Combine(job.ModelPath, ModelFolder.ManifestFileName);
        var manifest = ModelFolder.ReadManifest(manifestPath);
        var candidateModel = new GateModel(job.ModelVersion, candidate, manifest.Hybrid.ToFusionSettingsOrDefault(), corpusVectors);
        var liveVersion = await index.GetLiveVersionAsync(job.Corpus, cancellationToken);
        // Registered (its model is known) and then resolved: with the Redis store, fetched into this trainer's cache.
        var livePath = liveVersion is null || await models.FindAsync(job.Corpus, liveVersion) is null
            ? null
            : await store.ResolveAsync(job.Corpus, liveVersion, expectedDigest: null, cancellationToken);
        PromotionReport report;
        if (liveVersion is null || livePath is null)
        {
            report = await PromotionGate.EvaluateAsync(passages, [], candidateModel, live: null, Options(), clock, cancellationToken);
        }
        else
        {
            var known = passages.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            var stored = (await runs.ReadContentPairsAsync(job.RunId)).Where(pair => known.Contains(pair.PassageId)).ToList();
            var heldOut = HoldOut.Split(stored, options.Value.HoldOutFraction, options.Value.HoldOutMax).HeldOut;
            var liveFolder = ModelFolder.Open(livePath);
            using var liveEncoder = OnnxSentenceEncoder.Create(liveFolder, new OnnxSentenceEncoderOptions
            {
                IntraOpThreads = 1,
                ConcurrentBatches = Math.Max(1, Environment.ProcessorCount),
                BatchSize = 32,
            }, logger);
            var live = new GateModel(liveVersion, liveEncoder, liveFolder.Manifest.Hybrid.ToFusionSettingsOrDefault());
            report = await PromotionGate.EvaluateAsync(passages, heldOut, candidateModel, live, Options(), clock, cancellationToken);
        }

        ModelFolder.WriteManifest(job.ModelPath, manifest with { Promotion = report });
        await runs.SetPromotionAsync(job.RunId, report);
        metrics.RecordPromotion(report, job.Corpus);
        LogDecision(job.Corpus, job.ModelVersion, report.Decision, report.Live ?? "none", report.Reason, report.Queries);
        return report;
    }

    // The gate's test bed is built exactly as fusion tuning builds it, with BM25 as the served lexical index computes it.
    private PromotionGateOptions Options() => gateOptions.Value with
    {
        Retrieval = new HybridTuningOptions
        {
            Bm25 = new Bm25Options { Analyzer = indexOptions.Value.LexicalAnalyzer, K1 = indexOptions.Value.Bm25K1, B = indexOptions.Value.Bm25B },
        },
    };

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Corpus {Corpus}: model {Version} {Decision} against live {Live}: {Reason} ({Queries} held-out queries)")]
    private partial void LogDecision(string corpus, string version, string decision, string live, string reason, int queries);
}
