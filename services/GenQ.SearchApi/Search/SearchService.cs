using GenQ.SearchApi.Model;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;

namespace GenQ.SearchApi.Search;

/// <summary>Embeds a query with the model of the corpus' live index version and searches that same version.</summary>
public sealed class SearchService(IVectorIndex index, QueryEncoderCache encoders)
{
    private const int SnippetLength = 300;

    /// <summary>Returns null when the corpus has no live index version (unknown corpus, or still indexing).</summary>
    public async Task<SearchResponse?> SearchAsync(string corpus, string query, int topK, CancellationToken cancellationToken)
    {
        // Pin the version once: encoder and index must be the same version even if a rollout happens meanwhile.
        var version = await index.GetLiveVersionAsync(corpus, cancellationToken);
        if (version is null)
        {
            return null;
        }
        var encoder = await encoders.GetAsync(corpus, version);
        var vector = (await encoder.EncodeAsync([query], cancellationToken))[0];
        var result = await index.SearchAsync(new VectorSearchRequest(corpus, vector, topK, version), cancellationToken);
        var hits = result.Hits.Select(hit => new SearchHit(hit.PassageId, hit.Title, Snippet(hit.Text), hit.Score)).ToList();
        return new SearchResponse(corpus, query, version, hits);
    }

    private static string Snippet(string text) => text.Length <= SnippetLength ? text : string.Concat(text.AsSpan(0, SnippetLength), "…");
}
