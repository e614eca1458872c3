namespace GenQ.SearchApi.Evaluation;

/// <summary>
/// The judged queries of an evaluation upload: only queries with judgments are kept (as BEIR's loader does), and every
/// judged query must exist in the queries part.
/// </summary>
public sealed record EvaluationQuerySet(
    IReadOnlyDictionary<string, string> Queries,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Qrels)
{
    public static EvaluationQuerySet Create(
        IReadOnlyDictionary<string, string> queries,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> qrels,
        string qrelsField)
    {
        var missing = qrels.Keys.FirstOrDefault(q => !queries.ContainsKey(q));
        if (missing is not null)
        {
            throw new EvaluationInputException(qrelsField, null, $"query-id '{missing}' has judgments but no entry in the queries part");
        }
        var judged = queries.Where(q => qrels.ContainsKey(q.Key)).ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal);
        return new EvaluationQuerySet(judged, qrels);
    }
}
