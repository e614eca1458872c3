using GenQ.Lexical.Analysis;
using GenQ.Lexical.Index;

namespace GenQ.Lexical.Tests;

public sealed class Bm25ScoreTests
{
    [Theory]
    [InlineData(LexicalAnalyzerKind.English)]
    [InlineData(LexicalAnalyzerKind.Standard)]
    public void ScoresEqualTheHandComputedBm25(LexicalAnalyzerKind analyzer)
    {
        using var index = LuceneLexicalIndex.CreateInMemory(new LexicalIndexOptions { Analyzer = analyzer });
        index.AddOrReplace(ThreeDocuments.All);
        index.Commit();

        var hits = index.Search("apple", 10);

        // apple: df = 2; tf 2 in B (16 terms), tf 1 in A (4 terms). 3.8/3.26*ln1.6 vs 1.9/1.72*ln1.6.
        Assert.Equal(["b", "a"], hits.Select(h => h.Id));
        Assert.Equal(ThreeDocuments.Score(tf: 2, documentLength: 16, documentFrequency: 2), hits[0].Score, 5);
        Assert.Equal(ThreeDocuments.Score(tf: 1, documentLength: 4, documentFrequency: 2), hits[1].Score, 5);
        Assert.Equal(0.5192, hits[1].Score, 4); // ln(1.6) * 1.9 / 1.72 = 0.51919, written out once
    }

    [Fact]
    public void QueryTermsAddUpAndARepeatedTermCountsTwice()
    {
        using var index = LuceneLexicalIndex.CreateInMemory();
        index.AddOrReplace(ThreeDocuments.All);
        index.Commit();

        var kiwiApple = index.Search("kiwi apple", 10);
        var twice = index.Search("apple apple", 10);

        var expectedB = ThreeDocuments.Score(1, 16, 1) + ThreeDocuments.Score(2, 16, 2);
        Assert.Equal("b", kiwiApple[0].Id);
        Assert.Equal(expectedB, kiwiApple[0].Score, 5);
        Assert.Equal(2 * ThreeDocuments.Score(1, 4, 2), twice.Single(h => h.Id == "a").Score, 5);
    }

    [Fact]
    public void OtherParametersChangeTheScoreAsTheFormulaSays()
    {
        using var index = LuceneLexicalIndex.CreateInMemory(new LexicalIndexOptions { Parameters = new Bm25Parameters(1.2f, 0.75f) });
        index.AddOrReplace(ThreeDocuments.All);
        index.Commit();

        var a = index.Search("cherry", 10).Single();

        // df 1: idf = ln(1 + 2.5/1.5); tf 1, dl 4: 2.2 / (1 + 1.2 * (0.25 + 0.75 * 0.5)).
        Assert.Equal(Math.Log(1 + (2.5 / 1.5)) * 2.2 / (1 + (1.2 * (0.25 + (0.75 * 0.5)))), a.Score, 5);
    }

    [Fact]
    public void StopWordsAndPunctuationOnlyQueriesFindNothing()
    {
        using var index = LuceneLexicalIndex.CreateInMemory();
        index.AddOrReplace(ThreeDocuments.All);
        index.Commit();

        Assert.Empty(index.Search("the of and", 10));
        Assert.Empty(index.Search("?? (( :: --", 10));
        Assert.Equal("a", index.Search("cherry AND (date OR \"x\"):", 10)[0].Id);
    }

    [Fact]
    public void LongQueriesBeyondTheDefaultClauseLimitWork()
    {
        using var index = LuceneLexicalIndex.CreateInMemory();
        index.AddOrReplace(ThreeDocuments.All);
        index.Commit();

        var query = string.Join(' ', Enumerable.Range(0, 1500).Select(i => $"w{i}")) + " fig";

        Assert.Equal("c", Assert.Single(index.Search(query, 10)).Id);
    }
}
