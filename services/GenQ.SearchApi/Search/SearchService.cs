using GenQ.Hybrid;
using GenQ.Hybrid.Fusion;
using GenQ.SearchApi.Model;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;
using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.Search;

/// <summary>
/// Answers a query from the corpus' live index version in one of three modes: dense (the query embedded with that
/// version's model), bm25 (the version's lexical index) or hybrid (both, fused with the setting tuned for the model on
/// held-out synthetic queries, or reciprocal-rank fusion when the model has none). A version without a lexical index
/// (indexed by an older release) answers hybrid queries densely and reports mode "dense".
/// </summary>
public sealed class SearchService(IVectorIndex index, IQueryEncoderSource encoders, IOptions<SearchOptions> options)
{
    private const int SnippetLength = 300;

    /// <summary>
    /// Returns null when the corpus has no live index version (unknown corpus, or still indexing). A
    /// <paramref name="pinnedVersion"/> answers from that version instead of the live one (check it with
    /// <see cref="SearchableVersions"/> first): comparing the zero-shot and the adapted model on one query.
    /// </summary>
    public async Task<SearchResponse?> SearchAsync(string corpus, string query, int topK, SearchMode? mode, CancellationToken cancellationToken,
        string? pinnedVersion = null)
    {
        // Pin the version once: encoder and index must be the same version even if a rollout happens meanwhile.
        var version = pinnedVersion ?? await index.GetLiveVersionAsync(corpus, cancellationToken);
        if (version is null)
        {
            return null;
        }
        var chosen = mode ?? options.Value.DefaultMode;
        return chosen switch
        {
            SearchMode.Dense => Respond(corpus, query, chosen, null, await DenseAsync(corpus, version, query, topK, cancellationToken)),
            SearchMode.Bm25 => Respond(corpus, query, chosen, null, await LexicalAsync(corpus, version, query, topK, cancellationToken)),
            _ => await HybridAsync(corpus, version, query, topK, cancellationToken),
        };
    }

    /// <summary>Ranked passages of one mode, pinned to <paramref name="version"/> (the evaluation endpoint calls this per query).</summary>
    public async Task<IReadOnlyList<SearchHit>> RankAsync(string corpus, string version, string query, int topK, SearchMode mode, CancellationToken cancellationToken) =>
        mode switch
        {
            SearchMode.Dense => ToHits(await DenseAsync(corpus, version, query, topK, cancellationToken)),
            SearchMode.Bm25 => ToHits(await LexicalAsync(corpus, version, query, topK, cancellationToken)),
            _ => (await HybridAsync(corpus, version, query, topK, cancellationToken)).Hits,
        };

    private async Task<VectorSearchResult> DenseAsync(string corpus, string version, string query, int topK, CancellationToken cancellationToken)
    {
        var encoder = await encoders.GetAsync(corpus, version);
        var vector = (await encoder.EncodeAsync([query], cancellationToken))[0];
        return await index.SearchAsync(new VectorSearchRequest(corpus, vector, topK, version), cancellationToken);
    }

    private Task<VectorSearchResult> LexicalAsync(string corpus, string version, string query, int topK, CancellationToken cancellationToken, int? textTopK = null) =>
        index.LexicalSearchAsync(new LexicalSearchRequest(corpus, query, topK, version, textTopK), cancellationToken);

    private async Task<SearchResponse> HybridAsync(string corpus, string version, string query, int topK, CancellationToken cancellationToken)
    {
        var encoder = await encoders.GetAsync(corpus, version);
        var fusion = encoder.Manifest.Hybrid.ToFusionSettingsOrDefault();
        var depth = Math.Max(topK, options.Value.HybridCandidateDepth);
        // Both sides at once: the lexical search runs while the query is embedded and the vectors are scanned.
        // Only the lexical top k need their text: a passage BM25 alone brings into the fused top k ranks there (fusion
        // is monotone in each side's rank), and the dense hits carry theirs.
        var lexicalTask = LexicalAsync(corpus, version, query, depth, cancellationToken, textTopK: topK);
        var dense = await DenseAsync(corpus, version, query, depth, cancellationToken);
        VectorSearchResult lexical;
        try
        {
            lexical = await lexicalTask;
        }
        catch (LexicalIndexUnavailableException)
        {
            // A version indexed before lexical search existed: answer densely (the response says so) until re-indexed.
            return Respond(corpus, query, SearchMode.Dense, null, Top(dense, topK));
        }

        var fused = RankFusion.Fuse(Candidates(dense), Candidates(lexical), fusion, topK);
        var passages = Passages(dense, lexical, topK);
        if (fused.Any(f => !passages.ContainsKey(f.Id)))
        {
            // Only when ties reorder past the lexical top k: fetch the candidates' texts after all.
            passages = Passages(dense, await LexicalAsync(corpus, version, query, depth, cancellationToken), depth);
        }
        var hits = fused.Select(f => new SearchHit(f.Id, passages[f.Id].Title, Snippet(passages[f.Id].Text), (float)f.Score)
        {
            DenseRank = f.DenseRank,
            Bm25Rank = f.LexicalRank,
        }).ToList();
        return new SearchResponse(corpus, query, version, hits) { Mode = SearchMode.Hybrid.Name(), Fusion = fusion.ToString() };
    }

    private static VectorSearchResult Top(VectorSearchResult result, int topK) =>
        result with { Hits = result.Hits.Take(topK).ToList() };

    private static Dictionary<string, VectorHit> Passages(VectorSearchResult dense, VectorSearchResult lexical, int lexicalWithText)
    {
        var passages = new Dictionary<string, VectorHit>(StringComparer.Ordinal);
        foreach (var hit in dense.Hits.Concat(lexical.Hits.Take(lexicalWithText)))
        {
            passages.TryAdd(hit.PassageId, hit);
        }
        return passages;
    }

    private static List<RankedCandidate> Candidates(VectorSearchResult result) =>
        result.Hits.Select(hit => new RankedCandidate(hit.PassageId, hit.Score)).ToList();

    private static SearchResponse Respond(string corpus, string query, SearchMode mode, string? fusion, VectorSearchResult result) =>
        new(corpus, query, result.ModelVersion, ToHits(result)) { Mode = mode.Name(), Fusion = fusion };

    private static List<SearchHit> ToHits(VectorSearchResult result) =>
        result.Hits.Select(hit => new SearchHit(hit.PassageId, hit.Title, Snippet(hit.Text), hit.Score)).ToList();

    private static string Snippet(string text) => text.Length <= SnippetLength ? text : string.Concat(text.AsSpan(0, SnippetLength), "…");
}
