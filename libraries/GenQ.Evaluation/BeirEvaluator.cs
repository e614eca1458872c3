using System.Diagnostics;
using System.Globalization;
using GenQ.Embeddings;
using GenQ.Evaluation.Data;
using GenQ.Evaluation.Metrics;
using GenQ.Evaluation.Reporting;
using GenQ.Evaluation.Retrieval;
using GenQ.Lexical.Analysis;

namespace GenQ.Evaluation;

/// <summary>
/// Evaluates retrieval systems on a <see cref="BeirDataset"/>: the Lucene BM25 baseline and dense bi-encoders. The CLI
/// and the search API's evaluation both call this, so their numbers are the same code's numbers.
/// </summary>
public static class BeirEvaluator
{
    public static SystemEvaluation EvaluateBm25(BeirDataset dataset, Bm25Options? options = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        using var bm25 = new Bm25Retriever(dataset.Corpus, options);
        var run = bm25.SearchAll(dataset.Queries, cancellationToken);
        var report = RetrievalMetrics.Evaluate(dataset.Qrels, run);
        var c = CultureInfo.InvariantCulture;
        return new SystemEvaluation
        {
            System = "bm25",
            Model = "Lucene.NET BM25",
            Metrics = report.Mean,
            EvaluationSeconds = clock.Elapsed.TotalSeconds,
            Settings = new Dictionary<string, string>
            {
                ["k1"] = bm25.Options.K1.ToString("R", c),
                ["b"] = bm25.Options.B.ToString("R", c),
                ["analyzer"] = bm25.Options.Analyzer == LexicalAnalyzerKind.English
                    ? "English (Lucene EnglishAnalyzer: possessives, lower case, stop words, Porter stemming)"
                    : "Standard (Lucene StandardAnalyzer: lower case, English stop words)",
                ["fields"] = "title + text",
            },
        };
    }

    /// <summary>Exact cosine retrieval with <paramref name="encoder"/>; the caller names the system and fills in its provenance.</summary>
    public static async Task<SystemEvaluation> EvaluateDenseAsync(
        BeirDataset dataset, ISentenceEncoder encoder, string system, IProgress<int>? corpusProgress = null,
        CancellationToken cancellationToken = default)
    {
        var (metrics, seconds) = await EvaluateDenseMetricsAsync(dataset, encoder, corpusProgress, cancellationToken).ConfigureAwait(false);
        var manifest = encoder.Manifest;
        return new SystemEvaluation
        {
            System = system,
            Model = manifest.ModelName,
            ModelVersion = manifest.Version,
            Metrics = metrics.Mean,
            EvaluationSeconds = seconds,
        };
    }

    /// <summary>The per-query and mean metrics of a dense encoder, with the seconds it took.</summary>
    public static async Task<(MetricReport Report, double Seconds)> EvaluateDenseMetricsAsync(
        BeirDataset dataset, ISentenceEncoder encoder, IProgress<int>? corpusProgress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var vectors = await DenseRetriever.EncodeCorpusAsync(encoder, dataset.Corpus, corpusProgress, cancellationToken: cancellationToken).ConfigureAwait(false);
        var retriever = new DenseRetriever(dataset.Corpus.Select(p => p.Id).ToList(), vectors);
        var run = await retriever.SearchAllAsync(encoder, dataset.Queries, cancellationToken).ConfigureAwait(false);
        return (RetrievalMetrics.Evaluate(dataset.Qrels, run), clock.Elapsed.TotalSeconds);
    }
}
