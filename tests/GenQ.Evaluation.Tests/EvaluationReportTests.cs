using GenQ.Evaluation.Metrics;
using GenQ.Evaluation.Reporting;

namespace GenQ.Evaluation.Tests;

public sealed class EvaluationReportTests
{
    private static readonly EvaluationReport Report = new()
    {
        Collection = "time",
        Documents = 423,
        Queries = 83,
        Judgments = 324,
        CreatedUtc = DateTimeOffset.UnixEpoch,
        Systems =
        [
            new SystemEvaluation { System = "bm25", Mode = "bm25", Model = "Lucene.NET BM25", Metrics = new MetricScores(0.7, 0.72, 0.97, 0.64), Settings = new Dictionary<string, string> { ["fields"] = "title + text" } },
            new SystemEvaluation
            {
                System = "adapted", Mode = "hybrid", Model = "genq-all-MiniLM-L6-v2", ModelVersion = "v0001", Generator = "fallback:inverse-cloze",
                TrainingPairs = 1269, TrainingSeconds = 1212.7, Metrics = new MetricScores(0.66984, 0.74, 0.96, 0.6),
                Settings = new Dictionary<string, string> { ["fusion"] = "weighted:0.7" },
            },
        ],
    };

    [Fact]
    public void JsonRoundTripsAndStaysReadable()
    {
        var json = Report.ToJson();

        var back = EvaluationReport.FromJson(json);

        Assert.Contains("\"fields\": \"title + text\"", json, StringComparison.Ordinal);
        Assert.Contains("\"ndcgAt10\": 0.66984", json, StringComparison.Ordinal);
        Assert.Equal(Report.Systems.Select(s => s.Metrics), back.Systems.Select(s => s.Metrics));
        Assert.Equal(1269, back.Systems[1].TrainingPairs);
        Assert.Null(back.Systems[0].Generator);
        Assert.Equal(["bm25", "hybrid"], back.Systems.Select(s => s.Mode));
    }

    [Fact]
    public void MarkdownHasOneRowPerSystemWithProvenance()
    {
        var lines = Report.ToMarkdown().Split('\n');

        Assert.Contains("| bm25 | bm25 | Lucene.NET BM25 | - | - | - | - | 0.7000 | 0.7200 | 0.9700 | 0.6400 |", lines);
        Assert.Contains("| adapted | hybrid weighted:0.7 | genq-all-MiniLM-L6-v2 | v0001 | fallback:inverse-cloze | 1269 | 1213 | 0.6698 | 0.7400 | 0.9600 | 0.6000 |", lines);
        Assert.StartsWith("Collection `time`: 423 passages, 83 judged queries, 324 judgments.", lines[0], StringComparison.Ordinal);
    }
}
