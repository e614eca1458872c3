namespace GenQ.Search.Benchmarks;

/// <summary>
/// Minimal nDCG@10 with the definitions GenQ.Evaluation uses (pytrec_eval's ndcg_cut_10 as BEIR reports it): graded
/// gain, discount log2(rank + 1), ties by document id descending, ideal DCG from the judgments; every judged query counts.
/// </summary>
internal static class LocalNdcg
{
    public static Dictionary<string, Dictionary<string, int>> ReadQrels(string folder)
    {
        var path = Path.Combine(folder, "qrels", "test.tsv");
        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var fields = line.Split('\t');
            if (number == 1 && fields[0] == "query-id")
            {
                continue;
            }

            if (fields.Length != 3 || !int.TryParse(fields[2], out var grade))
            {
                throw new InvalidDataException($"'{path}' line {number}: expected 'query-id<TAB>corpus-id<TAB>score'.");
            }

            if (!qrels.TryGetValue(fields[0], out var judgments))
            {
                qrels[fields[0]] = judgments = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            judgments[fields[1]] = grade;
        }

        return qrels;
    }

    /// <summary>Mean nDCG@10 over the judged queries; <paramref name="scores"/>[query][doc] is the cosine of doc for query.</summary>
    public static double Mean(IReadOnlyDictionary<string, Dictionary<string, int>> qrels, Func<string, IEnumerable<(string DocumentId, float Score)>> rank)
    {
        var total = 0.0;
        foreach (var (queryId, judgments) in qrels)
        {
            var top = rank(queryId)
                .OrderByDescending(h => h.Score)
                .ThenByDescending(h => h.DocumentId, StringComparer.Ordinal)
                .Take(10)
                .ToList();
            var dcg = top.Select((h, i) => judgments.GetValueOrDefault(h.DocumentId) / Math.Log2(i + 2)).Sum();
            var ideal = judgments.Values.Where(g => g > 0).OrderDescending().Take(10).Select((g, i) => g / Math.Log2(i + 2)).Sum();
            total += ideal > 0 ? dcg / ideal : 0;
        }

        return total / qrels.Count;
    }
}
