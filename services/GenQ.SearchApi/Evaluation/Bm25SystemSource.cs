using GenQ.Evaluation.Retrieval;
using GenQ.Hybrid;
using GenQ.SearchApi.Search;
using GenQ.VectorStore;

namespace GenQ.SearchApi.Evaluation;

/// <summary>
/// The BM25 row: the lexical index of the corpus' live version, searched exactly as <c>mode=bm25</c> searches it (the
/// lexical index holds the same passages in every version, so one row is enough).
/// </summary>
public sealed class Bm25SystemSource(IVectorIndex index, SearchService search) : IEvaluationSystemSource
{
    public string Mode => SearchMode.Bm25.Name();

    public async Task<IReadOnlyList<EvaluationSystem>> GetSystemsAsync(string corpus, bool allVersions, CancellationToken cancellationToken)
    {
        var live = await index.GetLiveVersionAsync(corpus, cancellationToken);
        if (live is null)
        {
            return [];
        }
        return
        [
            new EvaluationSystem(Mode, "bm25", "Lucene.NET BM25", async (query, ct) => ToDocuments(
                await search.RankAsync(corpus, live, query, DenseVersionSystemSource.Depth, SearchMode.Bm25, ct)))
            {
                ModelVersion = live,
                Settings = new Dictionary<string, string> { ["index"] = index.Backend.Kind.ToString() },
                Live = true,
            },
        ];
    }

    internal static IReadOnlyList<ScoredDocument> ToDocuments(IReadOnlyList<Model.SearchHit> hits) =>
        hits.Select(hit => new ScoredDocument(hit.PassageId, hit.Score)).ToList();
}
