using GenQ.Contracts.Jobs;
using GenQ.Embeddings;
using GenQ.Embeddings.Models;
using GenQ.Evaluation.Hybrid;
using GenQ.Evaluation.Retrieval;
using GenQ.Hybrid.Tuning;
using GenQ.Runs;
using GenQ.TrainerWorker.Training;
using GenQ.VectorStore;
using Microsoft.Extensions.Options;

namespace GenQ.TrainerWorker.Indexing;

/// <summary>
/// Chooses, without labels, how hybrid search fuses a new model's dense ranking with BM25: the run's held-out generated
/// pairs (the same stable split the trainer left out) are searched both ways and every fusion candidate is scored by
/// MRR@10 of the queries finding their own passage. The choice goes into the model's manifest — before the version is
/// published, so the search API reads it with the encoder — and into the run status with every candidate's score.
/// </summary>
public sealed partial class RunHybridTuner(
    RunStore runs, IOptions<TrainerWorkerOptions> options, IOptions<VectorStoreOptions> index, ILogger<RunHybridTuner> logger)
{
    /// <param name="corpusVectors">The passages' embeddings by <paramref name="encoder"/>, in <paramref name="passages"/> order.</param>
    public async Task TuneAsync(
        IndexModelJob job, IReadOnlyList<PassageRecord> passages, float[][] corpusVectors, ISentenceEncoder encoder,
        CancellationToken cancellationToken)
    {
        var known = passages.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var stored = (await runs.ReadContentPairsAsync(job.RunId)).Where(pair => known.Contains(pair.PassageId)).ToList();
        var heldOut = HoldOut.Split(stored, options.Value.HoldOutFraction, options.Value.HoldOutMax).HeldOut;
        // BM25 exactly as the served lexical index computes it, so the tuned fusion is the one that runs.
        var bm25 = new Bm25Options { Analyzer = index.Value.LexicalAnalyzer, K1 = index.Value.Bm25K1, B = index.Value.Bm25B };
        var tuningOptions = new HybridTuningOptions { Bm25 = bm25 };
        var result = await HybridTuning.TuneAsync(passages, heldOut, encoder, tuningOptions, corpusVectors, cancellationToken);

        var manifestPath = Path.Combine(job.ModelPath, ModelFolder.ManifestFileName);
        var manifest = ModelFolder.ReadManifest(manifestPath);
        ModelFolder.WriteManifest(job.ModelPath, manifest with { Hybrid = result.ToManifestSection(tuningOptions.SwapPositives) });
        await runs.SetHybridAsync(job.RunId, result.ToRunReport());
        LogTuned(job.Corpus, job.ModelVersion, result.Chosen.ToString(), result.ChosenMrrAt10 ?? 0, result.Queries, result.Note ?? "");
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Corpus {Corpus}, model {Version}: hybrid search will fuse with {Fusion} (MRR@10 {Mrr:F3} on {Queries} held-out synthetic queries) {Note}")]
    private partial void LogTuned(string corpus, string version, string fusion, double mrr, int queries, string note);
}
