using GenQ.Evaluation.Metrics;
using GenQ.Evaluation.Retrieval;

namespace GenQ.Evaluation.Tests;

public sealed class RetrievalMetricsTests
{
    private const int Precision = 10;

    private static Dictionary<string, int> Judged(params (string Doc, int Grade)[] grades) =>
        grades.ToDictionary(g => g.Doc, g => g.Grade, StringComparer.Ordinal);

    private static List<ScoredDocument> Run(params (string Doc, double Score)[] hits) =>
        hits.Select(h => new ScoredDocument(h.Doc, h.Score)).ToList();

    [Fact]
    public void BinaryJudgmentsGiveTheHandComputedValues()
    {
        // Relevant d1, d3, d5; retrieved d1 (rel), d2, d3 (rel), d4. d5 is never retrieved.
        var scores = RetrievalMetrics.EvaluateQuery(Judged(("d1", 1), ("d3", 1), ("d5", 1)), Run(("d1", .9), ("d2", .8), ("d3", .7), ("d4", .6)));

        var dcg = 1 / Math.Log2(2) + 1 / Math.Log2(4);                       // 1.5
        var idcg = 1 / Math.Log2(2) + 1 / Math.Log2(3) + 1 / Math.Log2(4);   // 2.1309
        Assert.Equal(dcg / idcg, scores.NdcgAt10, Precision);
        Assert.Equal(0.70392, scores.NdcgAt10, 5);
        Assert.Equal(1.0, scores.MrrAt10, Precision);
        Assert.Equal(2.0 / 3, scores.RecallAt100, Precision);
        // MAP divides by the 3 relevant documents judged, not by the 2 retrieved: (1/1 + 2/3) / 3.
        Assert.Equal((1.0 + 2.0 / 3) / 3, scores.MapAt100, Precision);
    }

    [Fact]
    public void GradedGainsAndTheIdealComeFromTheQrels()
    {
        // Grades d1=3, d2=2, d3=1; ranking d3, d1, (unjudged), d2.
        var scores = RetrievalMetrics.EvaluateQuery(Judged(("d1", 3), ("d2", 2), ("d3", 1)), Run(("d3", .9), ("d1", .8), ("x", .7), ("d2", .6)));

        var dcg = 1 / Math.Log2(2) + 3 / Math.Log2(3) + 0 / Math.Log2(4) + 2 / Math.Log2(5); // 3.75414
        var idcg = 3 / Math.Log2(2) + 2 / Math.Log2(3) + 1 / Math.Log2(4);                   // 4.76186
        Assert.Equal(dcg / idcg, scores.NdcgAt10, Precision);
        Assert.Equal(0.78838, scores.NdcgAt10, 5);
        Assert.Equal(1.0, scores.MrrAt10, Precision); // any grade >= 1 is relevant
        Assert.Equal(1.0, scores.RecallAt100, Precision);
        Assert.Equal((1.0 / 1 + 2.0 / 2 + 3.0 / 4) / 3, scores.MapAt100, Precision);
    }

    [Fact]
    public void TiesAreBrokenByDocumentIdDescendingLikeTrecEval()
    {
        var judged = Judged(("b", 1));

        // a and b tie: trec_eval puts "b" first (docno descending), whatever order the run lists them in.
        var first = RetrievalMetrics.EvaluateQuery(judged, Run(("a", .5), ("b", .5), ("c", .4)));
        // c and b tie: "c" > "b", so b is second.
        var second = RetrievalMetrics.EvaluateQuery(judged, Run(("b", .5), ("c", .5), ("a", .4)));

        Assert.Equal(1.0, first.MrrAt10, Precision);
        Assert.Equal(1.0, first.NdcgAt10, Precision);
        Assert.Equal(0.5, second.MrrAt10, Precision);
        Assert.Equal(1 / Math.Log2(3), second.NdcgAt10, Precision);
        Assert.Equal(0.5, second.MapAt100, Precision);
    }

    [Fact]
    public void CutoffsApplyAtTenAndAtOneHundred()
    {
        // The only relevant document sits at rank 11: outside nDCG@10 and MRR@10, inside Recall@100 and MAP@100.
        var hits = Enumerable.Range(0, 150).Select(i => new ScoredDocument(i == 10 ? "rel" : $"n{i:D3}", 1000 - i)).ToList();
        var scores = RetrievalMetrics.EvaluateQuery(Judged(("rel", 1)), hits);

        Assert.Equal(0.0, scores.NdcgAt10, Precision);
        Assert.Equal(0.0, scores.MrrAt10, Precision);
        Assert.Equal(1.0, scores.RecallAt100, Precision);
        Assert.Equal(1.0 / 11, scores.MapAt100, Precision);

        var beyond = hits.Select(h => h.DocumentId == "rel" ? h with { Score = -1 } : h).ToList(); // now rank 150
        Assert.Equal(0.0, RetrievalMetrics.EvaluateQuery(Judged(("rel", 1)), beyond).RecallAt100, Precision);
    }

    [Fact]
    public void QueriesWithoutHitsScoreZeroAndStillCountInTheMean()
    {
        var qrels = new Dictionary<string, IReadOnlyDictionary<string, int>>
        {
            ["q1"] = Judged(("d1", 1)),
            ["q2"] = Judged(("d2", 1)),
            ["q3"] = Judged(("d3", 1)),
        };
        var run = new Dictionary<string, IReadOnlyList<ScoredDocument>>
        {
            ["q1"] = Run(("d1", 2.0)),
            ["q2"] = [],                     // retrieved nothing
            ["other"] = Run(("d3", 1.0)),   // not judged: ignored
        };                                   // q3 absent from the run

        var report = RetrievalMetrics.Evaluate(qrels, run);

        Assert.Equal(3, report.QueryCount);
        Assert.Equal(MetricScores.Zero, report.PerQuery["q2"]);
        Assert.Equal(MetricScores.Zero, report.PerQuery["q3"]);
        Assert.Equal(1.0 / 3, report.Mean.NdcgAt10, Precision);
        Assert.Equal(1.0 / 3, report.Mean.MrrAt10, Precision);
        Assert.Equal(1.0 / 3, report.Mean.RecallAt100, Precision);
        Assert.Equal(1.0 / 3, report.Mean.MapAt100, Precision);
    }

    [Fact]
    public void ZeroGradeJudgmentsAreNotRelevant()
    {
        var scores = RetrievalMetrics.EvaluateQuery(Judged(("d1", 0), ("d2", 1)), Run(("d1", .9), ("d2", .8)));

        Assert.Equal(0.5, scores.MrrAt10, Precision);
        Assert.Equal(1 / Math.Log2(3), scores.NdcgAt10, Precision);
        Assert.Equal(1.0, scores.RecallAt100, Precision); // 1 relevant judged, not 2
        Assert.Equal(0.5, scores.MapAt100, Precision);
    }
}
