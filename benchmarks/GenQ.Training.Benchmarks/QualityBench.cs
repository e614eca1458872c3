using System.Text.Json;
using GenQ.Embeddings.Models;
using GenQ.Training;

namespace GenQ.Training.Benchmarks;

/// <summary>
/// Trains all-MiniLM-L6-v2 with the shipped <see cref="Trainer"/> on pairs written by <c>genq generate</c> in the given
/// precision and prints the loss of every step, so fp32 and bf16 runs on the same pairs can be compared (their exported
/// models are then scored with <c>genq evaluate --model DIR/v0001</c>).
/// </summary>
internal static class QualityBench
{
    public static (TrainingResult Result, List<double> Losses) Train(string generated, string corpusName, string output, TrainingPrecision precision, int threads, int maxPairs)
    {
        var passages = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(EvalData.Locate(), corpusName, "corpus.jsonl")).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            using var doc = JsonDocument.Parse(line);
            var title = doc.RootElement.TryGetProperty("title", out var t) ? t.GetString() ?? string.Empty : string.Empty;
            var text = doc.RootElement.GetProperty("text").GetString() ?? string.Empty;
            passages[doc.RootElement.GetProperty("_id").GetString()!] = string.IsNullOrWhiteSpace(title) ? text : title + " " + text;
        }

        var queries = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(generated, "gen-queries.jsonl")).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            using var doc = JsonDocument.Parse(line);
            queries[doc.RootElement.GetProperty("_id").GetString()!] = doc.RootElement.GetProperty("text").GetString()!;
        }

        var pairs = File.ReadLines(Path.Combine(generated, "gen-qrels", "train.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Where(f => f.Length >= 2 && queries.ContainsKey(f[0]) && passages.ContainsKey(f[1]))
            .Select(f => new TrainingPair(queries[f[0]], passages[f[1]]))
            .Take(maxPairs)
            .ToList();
        var losses = new List<double>();
        var options = new TrainingOptions { TorchThreads = threads, Precision = precision, CheckpointEverySteps = 0, LogEverySteps = 1 };
        var result = new Trainer(options).Train(pairs, BaseModelLocator.GetMiniLM().Path, output, runId: "quality-" + precision, progress: new Collect(losses));
        return (result, losses);
    }

    private sealed class Collect(List<double> losses) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => losses.Add(value.Loss);
    }
}
