using GenQ.Evaluation.Retrieval;

namespace GenQ.Evaluation.Metrics;

/// <summary>
/// trec_eval's order of a run: score descending, ties broken by document id descending (trec_eval compares docnos with
/// strcmp, i.e. ordinal). Every metric ranks through this, whatever order the retriever returned.
/// </summary>
public static class TrecRanking
{
    public static int Compare(ScoredDocument x, ScoredDocument y)
    {
        var byScore = y.Score.CompareTo(x.Score);
        return byScore != 0 ? byScore : string.CompareOrdinal(y.DocumentId, x.DocumentId);
    }

    /// <summary>The run of one query in trec_eval order; a document listed twice keeps its first score (a run is a map).</summary>
    public static List<ScoredDocument> Rank(IEnumerable<ScoredDocument> hits)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ranked = hits.Where(h => seen.Add(h.DocumentId)).ToList();
        ranked.Sort(Compare);
        return ranked;
    }
}
