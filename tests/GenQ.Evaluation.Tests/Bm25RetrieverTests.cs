using GenQ.Contracts.Jobs;
using GenQ.Evaluation.Data;
using GenQ.Evaluation.Retrieval;
using GenQ.Lexical.Analysis;

namespace GenQ.Evaluation.Tests;

public sealed class Bm25RetrieverTests
{
    private static readonly PassageRecord[] Corpus =
    [
        new("1", "Test ban treaty", "The nuclear test ban treaty was signed in Moscow by three powers."),
        new("2", "", "Cotton prices rose in the south as the harvest came in late."),
        new("3", "Elections", "Voters in Italy went to the polls; the nuclear question was not debated."),
        new("4", "", "The treaty on fishing rights was signed after long talks."),
    ];

    [Fact]
    public void MatchingPassagesRankAboveOthersWithDescendingScores()
    {
        using var bm25 = new Bm25Retriever(Corpus);

        var hits = bm25.Search("nuclear test ban");

        Assert.Equal("1", hits[0].DocumentId);
        Assert.Contains(hits, h => h.DocumentId == "3");
        Assert.DoesNotContain(hits, h => h.DocumentId == "2");
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.Equal(4, bm25.DocumentCount);
    }

    [Fact]
    public void TitleIsSearchedWithTheText()
    {
        using var bm25 = new Bm25Retriever(Corpus);

        // "elections" appears only in the title of passage 3.
        Assert.Equal("3", Assert.Single(bm25.Search("ELECTIONS")).DocumentId);
    }

    [Fact]
    public void StopWordsAndPunctuationOnlyQueriesFindNothingWithoutThrowing()
    {
        using var bm25 = new Bm25Retriever(Corpus);

        Assert.Empty(bm25.Search("the of and"));
        Assert.Empty(bm25.Search("?? (( :: --"));
        Assert.NotEmpty(bm25.Search("treaty AND (signed OR \"talks\"):"));
    }

    [Fact]
    public void DepthLimitsTheHitsAndParametersAreReported()
    {
        using var bm25 = new Bm25Retriever(Corpus, new Bm25Options { Depth = 1, K1 = 1.2f, B = 0.75f });

        Assert.Single(bm25.Search("treaty signed"));
        Assert.Equal(1.2f, bm25.Options.K1);
    }

    [Fact]
    public void Bm25OnTheTimeCollectionIsWellAboveChance()
    {
        var dataset = BeirDataset.Load(EvalData.Collection("time"));

        var result = BeirEvaluator.EvaluateBm25(dataset);

        // The collection's README reports about 0.70 for a rough BM25; a broken index or metric lands far below.
        Assert.InRange(result.Metrics.NdcgAt10, 0.55, 0.85);
        Assert.InRange(result.Metrics.RecallAt100, 0.8, 1.0);
        Assert.Equal("0.9", result.Settings!["k1"]);
        Assert.Equal("0.4", result.Settings["b"]);
        Assert.StartsWith("English", result.Settings["analyzer"]);
    }

    [Fact]
    public void EnglishAnalysisMatchesInflectedFormsAndStandardDoesNot()
    {
        using var english = new Bm25Retriever(Corpus);
        using var standard = new Bm25Retriever(Corpus, new Bm25Options { Analyzer = LexicalAnalyzerKind.Standard });

        // "treaties" stems to "treati" like "treaty"; without stemming it matches nothing.
        Assert.Equal(["1", "4"], english.Search("treaties").Select(h => h.DocumentId).Order());
        Assert.Empty(standard.Search("treaties"));
        Assert.Equal(LexicalAnalyzerKind.English, english.Options.Analyzer);
    }

    [Fact]
    public void ScoresAreTheServedLexicalIndexScores()
    {
        using var bm25 = new Bm25Retriever(Corpus);
        using var served = GenQ.Lexical.Index.LuceneLexicalIndex.CreateInMemory();
        served.AddOrReplace(Corpus.Select(p => new GenQ.Lexical.Index.LexicalDocument(p.Id, p.Title, p.Text)));
        served.Commit();

        Assert.Equal(
            served.Search("nuclear treaty signed", 10).Select(h => (h.Id, (double)h.Score)),
            bm25.Search("nuclear treaty signed").Select(h => (h.DocumentId, h.Score)));
    }
}
