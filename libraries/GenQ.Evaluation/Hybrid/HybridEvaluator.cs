using System.Diagnostics;
using System.Globalization;
using GenQ.Embeddings;
using GenQ.Evaluation.Data;
using GenQ.Evaluation.Metrics;
using GenQ.Evaluation.Reporting;
using GenQ.Evaluation.Retrieval;
using GenQ.Hybrid;
using GenQ.Hybrid.Fusion;

namespace GenQ.Evaluation.Hybrid;

/// <summary>
/// Dense, BM25 and hybrid on one collection from one corpus encoding: the dense run and the BM25 run (top
/// <see cref="CandidateDepth"/> each) are evaluated as they are and fused per query with <see cref="RankFusion"/>.
/// A hybrid run is scored in the fused order: its scores are written as descending ranks, so trec_eval's id tie-break
/// cannot reorder what search would return.
/// </summary>
public static class HybridEvaluator
{
    public const int CandidateDepth = 100;

    /// <summary>Encodes the corpus once and evaluates all three modes (rows in the order dense, bm25, hybrid).</summary>
    public static async Task<IReadOnlyList<SystemEvaluation>> EvaluateHybridAsync(
        BeirDataset dataset, ISentenceEncoder encoder, FusionSettings fusion, string system, IProgress<int>? corpusProgress = null,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var vectors = await DenseRetriever.EncodeCorpusAsync(encoder, dataset.Corpus, corpusProgress, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await EvaluateModesAsync(dataset, encoder, vectors, SearchModes.All, fusion, system, clock.Elapsed.TotalSeconds, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="corpusVectors">The corpus embeddings (in corpus order) from <see cref="DenseRetriever.EncodeCorpusAsync"/>.</param>
    /// <param name="encodingSeconds">Time spent on <paramref name="corpusVectors"/>, added to the dense and hybrid rows.</param>
    public static async Task<IReadOnlyList<SystemEvaluation>> EvaluateModesAsync(
        BeirDataset dataset, ISentenceEncoder encoder, float[][] corpusVectors, IReadOnlyCollection<SearchMode> modes, FusionSettings fusion,
        string system, double encodingSeconds = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(modes);
        ArgumentNullException.ThrowIfNull(fusion);
        var rows = new List<SystemEvaluation>();
        var manifest = encoder.Manifest;
        Dictionary<string, IReadOnlyList<ScoredDocument>>? denseRun = null;
        var denseSeconds = 0.0;
        if (modes.Contains(SearchMode.Dense) || modes.Contains(SearchMode.Hybrid))
        {
            var clock = Stopwatch.StartNew();
            var retriever = new DenseRetriever(dataset.Corpus.Select(p => p.Id).ToList(), corpusVectors, CandidateDepth);
            denseRun = await retriever.SearchAllAsync(encoder, dataset.Queries, cancellationToken).ConfigureAwait(false);
            denseSeconds = encodingSeconds + clock.Elapsed.TotalSeconds;
        }

        if (modes.Contains(SearchMode.Dense))
        {
            rows.Add(Row(system, manifest, SearchMode.Dense, RetrievalMetrics.Evaluate(dataset.Qrels, denseRun!).Mean, denseSeconds, null));
        }

        if (modes.Contains(SearchMode.Bm25))
        {
            rows.Add(BeirEvaluator.EvaluateBm25(dataset, new Bm25Options { Depth = CandidateDepth }, cancellationToken) with { Mode = SearchMode.Bm25.Name() });
        }

        if (modes.Contains(SearchMode.Hybrid))
        {
            var clock = Stopwatch.StartNew();
            var bm25Options = new Bm25Options { Depth = CandidateDepth };
            using var bm25 = new Bm25Retriever(dataset.Corpus, bm25Options);
            var lexicalRun = bm25.SearchAll(dataset.Queries, cancellationToken);
            var fused = Fuse(denseRun!, lexicalRun, fusion, CandidateDepth);
            var c = CultureInfo.InvariantCulture;
            var settings = new Dictionary<string, string>
            {
                [SettingKeys.Fusion] = fusion.ToString(),
                [SettingKeys.CandidateDepth] = CandidateDepth.ToString(c),
                ["bm25"] = $"k1 {bm25Options.K1.ToString("R", c)}, b {bm25Options.B.ToString("R", c)}",
            };
            rows.Add(Row(system, manifest, SearchMode.Hybrid, RetrievalMetrics.Evaluate(dataset.Qrels, fused).Mean,
                denseSeconds + clock.Elapsed.TotalSeconds, settings));
        }

        return rows;
    }

    /// <summary>Fuses two runs query by query; the fused hits carry descending rank scores (depth, depth − 1, …).</summary>
    public static Dictionary<string, IReadOnlyList<ScoredDocument>> Fuse(
        IReadOnlyDictionary<string, IReadOnlyList<ScoredDocument>> dense, IReadOnlyDictionary<string, IReadOnlyList<ScoredDocument>> lexical,
        FusionSettings fusion, int depth)
    {
        var run = new Dictionary<string, IReadOnlyList<ScoredDocument>>(StringComparer.Ordinal);
        foreach (var queryId in dense.Keys.Union(lexical.Keys, StringComparer.Ordinal))
        {
            var fused = RankFusion.Fuse(Candidates(dense, queryId), Candidates(lexical, queryId), fusion, depth);
            run[queryId] = fused.Select((f, i) => new ScoredDocument(f.Id, depth - i)).ToList();
        }

        return run;
    }

    /// <summary>A run's hits of one query as fusion candidates (best first).</summary>
    public static IReadOnlyList<RankedCandidate> Candidates(IReadOnlyDictionary<string, IReadOnlyList<ScoredDocument>> run, string queryId) =>
        run.TryGetValue(queryId, out var hits) ? ToCandidates(hits) : [];

    public static IReadOnlyList<RankedCandidate> ToCandidates(IReadOnlyList<ScoredDocument> hits) =>
        TrecRanking.Rank(hits).Select(h => new RankedCandidate(h.DocumentId, h.Score)).ToList();

    private static SystemEvaluation Row(
        string system, Embeddings.Models.ModelManifest manifest, SearchMode mode, MetricScores metrics, double seconds, Dictionary<string, string>? settings) => new()
    {
        System = system,
        Mode = mode.Name(),
        Model = manifest.ModelName,
        ModelVersion = manifest.Version,
        Metrics = metrics,
        EvaluationSeconds = seconds,
        Settings = settings,
    };
}
