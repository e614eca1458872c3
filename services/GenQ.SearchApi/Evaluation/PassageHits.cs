using GenQ.Evaluation.Retrieval;
using GenQ.SearchApi.Ingestion;

namespace GenQ.SearchApi.Evaluation;

/// <summary>
/// Maps passage hits to document hits for the qrels: a split document's passages (<c>{id}#2</c>, see
/// <see cref="PassageSplitter"/>) count as the document once, with the score of its best passage.
/// </summary>
public static class PassageHits
{
    public static string DocumentId(string passageId)
    {
        var cut = passageId.IndexOf(PassageSplitter.PartSeparator, StringComparison.Ordinal);
        return cut < 0 ? passageId : passageId[..cut];
    }

    public static IReadOnlyList<ScoredDocument> ToDocuments(IEnumerable<ScoredDocument> passageHits)
    {
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var hit in passageHits)
        {
            var id = DocumentId(hit.DocumentId);
            if (!best.TryGetValue(id, out var score) || hit.Score > score)
            {
                best[id] = hit.Score;
            }
        }
        return best.Select(kv => new ScoredDocument(kv.Key, kv.Value)).OrderByDescending(d => d.Score).ToList();
    }
}
