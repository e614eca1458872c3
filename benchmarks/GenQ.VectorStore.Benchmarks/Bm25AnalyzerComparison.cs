using System.Globalization;
using GenQ.Evaluation;
using GenQ.Evaluation.Data;
using GenQ.Evaluation.Retrieval;
using GenQ.Lexical.Analysis;

namespace GenQ.VectorStore.Benchmarks;

/// <summary>
/// nDCG@10 (and Recall@100) of the evaluation's BM25 (GenQ.Lexical, k1 0.9, b 0.4, title + text) with each analyzer
/// on the shared BEIR collections; picks the default analyzer. <c>bm25-analyzers [--data PATH]</c>.
/// </summary>
internal static class Bm25AnalyzerComparison
{
    private static readonly string[] Collections = ["cranfield", "cisi", "medline", "cacm", "time"];

    public static int Run(string[] args)
    {
        var data = args.Length >= 2 && args[0] == "--data" ? args[1] : LexicalBenchmark.FindEvalData();
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"BEIR collections in {data}; BM25 k1 0.9, b 0.4, title + text, depth 100.");
        Console.WriteLine();
        Console.WriteLine("| collection | docs | queries | English nDCG@10 | Standard nDCG@10 | English R@100 | Standard R@100 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        double englishSum = 0, standardSum = 0;
        foreach (var name in Collections)
        {
            var dataset = BeirDataset.Load(Path.Combine(data, name));
            var english = BeirEvaluator.EvaluateBm25(dataset, new Bm25Options { Analyzer = LexicalAnalyzerKind.English }).Metrics;
            var standard = BeirEvaluator.EvaluateBm25(dataset, new Bm25Options { Analyzer = LexicalAnalyzerKind.Standard }).Metrics;
            englishSum += english.NdcgAt10;
            standardSum += standard.NdcgAt10;
            Console.WriteLine(string.Create(c,
                $"| {name} | {dataset.Corpus.Count:N0} | {dataset.Queries.Count} | {english.NdcgAt10:F3} | {standard.NdcgAt10:F3} | {english.RecallAt100:F3} | {standard.RecallAt100:F3} |"));
        }

        Console.WriteLine(string.Create(c,
            $"| mean | | | {englishSum / Collections.Length:F3} | {standardSum / Collections.Length:F3} | | |"));
        return 0;
    }
}
