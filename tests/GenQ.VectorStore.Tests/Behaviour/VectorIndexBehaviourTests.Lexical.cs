using GenQ.Contracts.Jobs;
using GenQ.Lexical;
using GenQ.Lexical.Analysis;
using GenQ.VectorStore.Model;
using GenQ.VectorStore.Tests.Infrastructure;

namespace GenQ.VectorStore.Tests.Behaviour;

/// <summary>
/// Lexical (BM25) search on every backend. The three-passage corpus has 4, 16 and 4 analysed terms: lengths Lucene
/// 4.8's one-byte norm encodes exactly (1/sqrt(4) = 1/2, 1/sqrt(16) = 1/4), so the embedded index's scores equal the
/// hand-computed BM25, and so do Qdrant's (exact lengths, avgdl = 8 from the statistics, IDF by Qdrant's formula).
/// </summary>
public abstract partial class VectorIndexBehaviourTests
{
    private static readonly (string Title, string Text)[] Fruit =
    [
        ("apple banana", "cherry date"),
        ("", "apple apple grape grape kiwi lemon mango melon nectarine olive papaya peach pear plum quince raspberry"),
        ("fig", "guava honeydew jackfruit"),
    ];

    [BackendFact]
    public async Task LexicalScoresEqualTheHandComputedBm25()
    {
        await PublishTextsAsync("bm25", "v1", Fruit);

        var result = await Index.LexicalSearchAsync(new LexicalSearchRequest("bm25", "apple", 10));

        // k1 0.9, b 0.4, N 3, df 2: idf = ln(1.6); p1: tf 2, dl 16 -> 3.8 / 3.26; p0: tf 1, dl 4 -> 1.9 / 1.72.
        Assert.Equal("v1", result.ModelVersion);
        Assert.Equal(["p1", "p0"], result.Hits.Select(h => h.PassageId));
        Assert.Equal(Math.Log(1.6) * 3.8 / 3.26, result.Hits[0].Score, 4);
        Assert.Equal(Math.Log(1.6) * 1.9 / 1.72, result.Hits[1].Score, 4);
        Assert.Equal(("apple banana", "cherry date"), (result.Hits[1].Title, result.Hits[1].Text));
    }

    [BackendFact]
    public async Task LexicalSearchIsPinnedToItsVersionAndFollowsTheAlias()
    {
        await PublishTextsAsync("lexpin", "v1", [("old", "the alpha passage"), ("old", "another alpha story")]);
        await PublishTextsAsync("lexpin", "v2", [("new", "the beta passage"), ("new", "another beta story")]);

        var pinned = await Index.LexicalSearchAsync(new LexicalSearchRequest("lexpin", "alpha", 5, ModelVersion: "v1"));
        var live = await Index.LexicalSearchAsync(new LexicalSearchRequest("lexpin", "alpha", 5));
        var liveBeta = await Index.LexicalSearchAsync(new LexicalSearchRequest("lexpin", "beta story", 5));

        Assert.Equal(("v1", 2), (pinned.ModelVersion, pinned.Hits.Count));
        Assert.Equal(("v2", 0), (live.ModelVersion, live.Hits.Count));
        Assert.Equal("p1", liveBeta.Hits[0].PassageId);
        Assert.All(liveBeta.Hits, h => Assert.Equal("new", h.Title));
    }

    [BackendFact]
    public async Task PruningAndDeletingRemoveTheLexicalIndexWithTheVersion()
    {
        foreach (var version in new[] { "v1", "v2", "v3", "v4" }) // pruning keeps the newest three
        {
            await PublishTextsAsync("lexprune", version, [("t", $"passage of {version} about rivers")]);
        }

        Assert.Single((await Index.LexicalSearchAsync(new LexicalSearchRequest("lexprune", "rivers", 5, "v1"))).Hits);
        Assert.Equal(["v1"], await Index.PruneVersionsAsync("lexprune"));
        await Index.DeleteVersionAsync("lexprune", "v2");

        await Assert.ThrowsAsync<VectorIndexNotFoundException>(() => Index.LexicalSearchAsync(new LexicalSearchRequest("lexprune", "rivers", 5, "v1")));
        await Assert.ThrowsAsync<VectorIndexNotFoundException>(() => Index.LexicalSearchAsync(new LexicalSearchRequest("lexprune", "rivers", 5, "v2")));
        Assert.Single((await Index.LexicalSearchAsync(new LexicalSearchRequest("lexprune", "rivers", 5))).Hits);
    }

    [BackendFact]
    public async Task ARecreatedBuildStartsItsLexicalIndexOver()
    {
        await Index.CreateVersionAsync("lexredo", "v1", 4);
        await Index.UpsertAsync("lexredo", "v1", TextPoints([("", "abandoned draft words"), ("", "more draft words")]));
        await Index.CreateVersionAsync("lexredo", "v1", 4);
        await Index.UpsertAsync("lexredo", "v1", TextPoints([("", "final wording")]));
        await Index.PublishVersionAsync("lexredo", "v1");

        Assert.Empty((await Index.LexicalSearchAsync(new LexicalSearchRequest("lexredo", "draft", 5))).Hits);
        Assert.Equal("p0", Assert.Single((await Index.LexicalSearchAsync(new LexicalSearchRequest("lexredo", "final", 5))).Hits).PassageId);
    }

    [BackendFact]
    public async Task NonEnglishPassagesAreIndexedAndFound()
    {
        await PublishTextsAsync("lexintl", "v1",
        [
            ("Москва", "Москва — столица России."),
            ("北京", "北京是中华人民共和国的首都。"),
            ("", "القاهرة هي عاصمة جمهورية مصر العربية"),
            ("", "🚀🔥"),
            ("Brücke", "Die Straßenbahn fährt über die Brücke."),
        ]);

        Assert.Equal("p0", (await Index.LexicalSearchAsync(new LexicalSearchRequest("lexintl", "Москва", 5))).Hits[0].PassageId);
        Assert.Equal("p1", (await Index.LexicalSearchAsync(new LexicalSearchRequest("lexintl", "北京", 5))).Hits[0].PassageId);
        Assert.Equal("p2", (await Index.LexicalSearchAsync(new LexicalSearchRequest("lexintl", "القاهرة", 5))).Hits[0].PassageId);
        Assert.Equal("p4", (await Index.LexicalSearchAsync(new LexicalSearchRequest("lexintl", "brücke", 5))).Hits[0].PassageId);
        Assert.Equal(5, await Index.CountAsync("lexintl"));
    }

    [BackendFact]
    public async Task LexicalRequestsAreValidatedLikeVectorSearches()
    {
        await PublishTextsAsync("lexcheck", "v1", Fruit);

        var empty = await Assert.ThrowsAsync<ArgumentException>(() => Index.LexicalSearchAsync(new LexicalSearchRequest("lexcheck", "  ", 5)));
        Assert.Equal("QueryText", empty.ParamName);
        var corpus = await Assert.ThrowsAsync<ArgumentException>(() => Index.LexicalSearchAsync(new LexicalSearchRequest("Bad!", "apple", 5)));
        Assert.Equal("Corpus", corpus.ParamName);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Index.LexicalSearchAsync(new LexicalSearchRequest("lexcheck", "apple", 0)));
        await Assert.ThrowsAsync<VectorIndexNotFoundException>(() => Index.LexicalSearchAsync(new LexicalSearchRequest("lexcheck-none", "apple", 5)));
        await Assert.ThrowsAsync<VectorIndexNotFoundException>(() => Index.LexicalSearchAsync(new LexicalSearchRequest("lexcheck-none", "the of", 5)));
        await Assert.ThrowsAsync<VectorIndexNotFoundException>(() => Index.LexicalSearchAsync(new LexicalSearchRequest("lexcheck", "apple", 5, "v9")));
        Assert.Empty((await Index.LexicalSearchAsync(new LexicalSearchRequest("lexcheck", "the of and", 5))).Hits);
        var mismatch = await Assert.ThrowsAsync<ArgumentException>(() =>
            Index.CreateVersionAsync("lexcheck", "v2", 4, new LexicalCorpusStatistics(LexicalAnalyzerKind.Standard, 3, 8)));
        Assert.Contains("Standard", mismatch.Message, StringComparison.Ordinal);
    }

    /// <summary>Creates (with the corpus statistics), fills and publishes a version of text passages p0, p1, ...</summary>
    protected async Task PublishTextsAsync(string corpus, string version, (string Title, string Text)[] passages)
    {
        var statistics = LexicalCorpusStatistics.Compute(passages.Select(p => PassageText.Compose(p.Title, p.Text)));
        await Index.CreateVersionAsync(corpus, version, 4, statistics);
        await Index.UpsertAsync(corpus, version, TextPoints(passages));
        await Index.PublishVersionAsync(corpus, version);
    }

    private static VectorPoint[] TextPoints((string Title, string Text)[] passages)
    {
        var vectors = TestVectors.RandomUnit(passages.Length, 4, seed: passages.Length);
        return passages.Select((p, i) => new VectorPoint($"p{i}", p.Title, p.Text, vectors[i])).ToArray();
    }
}
