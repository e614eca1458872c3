using GenQ.Contracts.Jobs;
using GenQ.Lexical.Analysis;
using GenQ.Lexical.Index;
using GenQ.Lexical.Sparse;

namespace GenQ.Lexical.Tests;

public sealed class Bm25SparseEncoderTests
{
    private static readonly LexicalCorpusStatistics Statistics =
        LexicalCorpusStatistics.Compute(ThreeDocuments.All.Select(d => PassageText.Compose(d.Title, d.Text)));

    [Fact]
    public void CorpusStatisticsAverageTheAnalysedLengths()
    {
        Assert.Equal(new LexicalCorpusStatistics(LexicalAnalyzerKind.English, 3, 8.0), Statistics);
        Assert.Equal(1.0, LexicalCorpusStatistics.Compute([]).AverageDocumentLength);
        Assert.Equal(2.0, LexicalCorpusStatistics.Compute(["the cat", "a dog barked", "the of fox jumps high"]).AverageDocumentLength, 6);
    }

    [Fact]
    public void TermIndicesAreFnv1aOfTheUtf8Bytes()
    {
        // Reference values of the 32-bit FNV-1a test suite.
        Assert.Equal(0x811c9dc5u, TermHash.Fnv1a(""));
        Assert.Equal(0xe40c292cu, TermHash.Fnv1a("a"));
        Assert.Equal(0xbf9cf968u, TermHash.Fnv1a("foobar"));
        Assert.NotEqual(TermHash.Fnv1a("é"), TermHash.Fnv1a("e"));
    }

    [Fact]
    public void DocumentWeightsAreTheBm25TermFrequencyPart()
    {
        var encoder = new Bm25SparseEncoder(Statistics);

        var b = encoder.EncodeDocument(ThreeDocuments.B.Title, ThreeDocuments.B.Text);

        // 14 distinct terms; dl = 16, avgdl = 8: norm = 0.9 * (0.6 + 0.4 * 2) = 1.26.
        Assert.Equal(14, b.Count);
        Assert.Equal(b.Indices.Order(), b.Indices);
        Assert.Equal(2 * 1.9 / (2 + 1.26), Weight(b, "appl"), 6);  // English stems apple -> appl
        Assert.Equal(1.9 / (1 + 1.26), Weight(b, "kiwi"), 6);
        var a = encoder.EncodeDocument(ThreeDocuments.A.Title, ThreeDocuments.A.Text);
        Assert.Equal(1.9 / (1 + (0.9 * 0.8)), Weight(a, "cherri"), 6); // dl 4: norm = 0.9 * (0.6 + 0.2)
    }

    [Fact]
    public void QueryWeightsAreTermCounts()
    {
        var query = new Bm25SparseEncoder(Statistics).EncodeQuery("apple kiwi apples the");

        Assert.Equal(2, query.Count);
        Assert.Equal(2f, Weight(query, "appl")); // apple and apples both stem to appl
        Assert.Equal(1f, Weight(query, "kiwi"));
        Assert.True(new Bm25SparseEncoder(Statistics).EncodeQuery("the of").IsEmpty);
    }

    [Fact]
    public void DotProductWithQdrantIdfEqualsLuceneScoreWhereLengthsEncodeExactly()
    {
        var encoder = new Bm25SparseEncoder(Statistics);
        using var index = LuceneLexicalIndex.CreateInMemory();
        index.AddOrReplace(ThreeDocuments.All);
        index.Commit();
        var documents = ThreeDocuments.All.ToDictionary(d => d.Id, d => encoder.EncodeDocument(d.Title, d.Text));
        var query = encoder.EncodeQuery("apple kiwi cherry");

        foreach (var hit in index.Search("apple kiwi cherry", 10))
        {
            double score = 0;
            for (var i = 0; i < query.Count; i++)
            {
                var n = documents.Values.Count(d => d.Indices.Contains(query.Indices[i]));
                var idf = Math.Log(((3 - n + 0.5) / (n + 0.5)) + 1); // Qdrant's Modifier.Idf
                var d = documents[hit.Id];
                var at = Array.IndexOf(d.Indices, query.Indices[i]);
                score += at < 0 ? 0 : query.Values[i] * idf * d.Values[at];
            }

            Assert.Equal(score, hit.Score, 5);
        }
    }

    [Fact]
    public void NonPositiveAverageLengthIsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Bm25SparseEncoder(new LexicalCorpusStatistics(LexicalAnalyzerKind.English, 1, 0)));
        Assert.Contains(nameof(LexicalCorpusStatistics.AverageDocumentLength), error.Message);
    }

    private static float Weight(SparseVector vector, string term)
    {
        var at = Array.IndexOf(vector.Indices, TermHash.Fnv1a(term));
        Assert.True(at >= 0, $"term '{term}' missing");
        return vector.Values[at];
    }
}
