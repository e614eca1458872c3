using GenQ.Evaluation.Retrieval;

namespace GenQ.Evaluation.Metrics;

/// <summary>
/// nDCG@10, MRR@10, Recall@100 and MAP@100 with the definitions of pytrec_eval / trec_eval as BEIR reports them:
/// <list type="bullet">
/// <item>the run is ranked by score descending, ties by document id descending (<see cref="TrecRanking"/>);</item>
/// <item>a document is relevant when its judgment is &gt;= 1 (trec_eval's relevance level); unjudged = 0;</item>
/// <item>nDCG@10 (ndcg_cut_10): gain = the graded judgment, discount log2(rank + 1), ideal DCG from the query's
/// judgments sorted by grade and cut at 10;</item>
/// <item>MRR@10: 1 / rank of the first relevant document in the top 10;</item>
/// <item>Recall@100 (recall_100): relevant documents in the top 100 / relevant documents judged;</item>
/// <item>MAP@100 (map_cut_100): sum of precision at the rank of each relevant document in the top 100, divided by
/// the number of relevant documents judged (not by the number retrieved);</item>
/// <item>every query with judgments counts; a query the run has no hits for scores 0 on every metric (trec_eval -c).</item>
/// </list>
/// </summary>
public static class RetrievalMetrics
{
    public const int NdcgCutoff = 10;
    public const int MrrCutoff = 10;
    public const int RecallCutoff = 100;
    public const int MapCutoff = 100;

    /// <summary>Scores every judged query of <paramref name="qrels"/> against <paramref name="run"/> and averages them.</summary>
    public static MetricReport Evaluate(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> qrels,
        IReadOnlyDictionary<string, IReadOnlyList<ScoredDocument>> run)
    {
        ArgumentNullException.ThrowIfNull(qrels);
        ArgumentNullException.ThrowIfNull(run);
        var perQuery = new Dictionary<string, MetricScores>(StringComparer.Ordinal);
        foreach (var (queryId, judgments) in qrels)
        {
            perQuery[queryId] = run.TryGetValue(queryId, out var hits) ? EvaluateQuery(judgments, hits) : MetricScores.Zero;
        }

        var n = perQuery.Count;
        var mean = n == 0
            ? MetricScores.Zero
            : new MetricScores(
                perQuery.Values.Sum(s => s.NdcgAt10) / n,
                perQuery.Values.Sum(s => s.MrrAt10) / n,
                perQuery.Values.Sum(s => s.RecallAt100) / n,
                perQuery.Values.Sum(s => s.MapAt100) / n);
        return new MetricReport(mean, n, perQuery);
    }

    /// <summary>The four metrics of one query.</summary>
    public static MetricScores EvaluateQuery(IReadOnlyDictionary<string, int> judgments, IEnumerable<ScoredDocument> hits)
    {
        var ranked = TrecRanking.Rank(hits);
        var relevantJudged = judgments.Values.Count(IsRelevant);
        return new MetricScores(
            Ndcg(judgments, ranked, NdcgCutoff),
            ReciprocalRank(judgments, ranked, MrrCutoff),
            Recall(judgments, ranked, RecallCutoff, relevantJudged),
            AveragePrecision(judgments, ranked, MapCutoff, relevantJudged));
    }

    public static double Ndcg(IReadOnlyDictionary<string, int> judgments, IReadOnlyList<ScoredDocument> ranked, int k)
    {
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            dcg += Gain(judgments, ranked[i].DocumentId) / Math.Log2(i + 2);
        }

        var ideal = judgments.Values.Where(g => g > 0).OrderDescending().Take(k).Select((g, i) => g / Math.Log2(i + 2)).Sum();
        return ideal > 0 ? dcg / ideal : 0;
    }

    public static double ReciprocalRank(IReadOnlyDictionary<string, int> judgments, IReadOnlyList<ScoredDocument> ranked, int k)
    {
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (judgments.TryGetValue(ranked[i].DocumentId, out var grade) && IsRelevant(grade))
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    public static double Recall(IReadOnlyDictionary<string, int> judgments, IReadOnlyList<ScoredDocument> ranked, int k, int relevantJudged)
    {
        if (relevantJudged == 0)
        {
            return 0;
        }

        var found = ranked.Take(k).Count(h => judgments.TryGetValue(h.DocumentId, out var grade) && IsRelevant(grade));
        return (double)found / relevantJudged;
    }

    public static double AveragePrecision(IReadOnlyDictionary<string, int> judgments, IReadOnlyList<ScoredDocument> ranked, int k, int relevantJudged)
    {
        if (relevantJudged == 0)
        {
            return 0;
        }

        var (found, sum) = (0, 0.0);
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (judgments.TryGetValue(ranked[i].DocumentId, out var grade) && IsRelevant(grade))
            {
                found++;
                sum += (double)found / (i + 1);
            }
        }

        return sum / relevantJudged;
    }

    private static bool IsRelevant(int grade) => grade >= 1;

    private static double Gain(IReadOnlyDictionary<string, int> judgments, string documentId) =>
        judgments.TryGetValue(documentId, out var grade) && grade > 0 ? grade : 0;
}
