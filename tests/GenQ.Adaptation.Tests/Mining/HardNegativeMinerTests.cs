using GenQ.Adaptation.Mining;
using GenQ.Adaptation.Teachers;
using GenQ.Contracts.Jobs;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Evaluation.Retrieval;
using GenQ.Training;

namespace GenQ.Adaptation.Tests.Mining;

/// <summary>Mining with the real all-MiniLM-L6-v2 and Lucene BM25 on a corpus built so that the top ranks hold the positive and its siblings.</summary>
public sealed class HardNegativeMinerTests
{
    // 30 passages about aircraft wings (one document split in three: wing, wing#2, wing#3, plus a near-copy) and 30 about
    // other things; the queries ask about wings, so the positive, its siblings and the copy rank at the very top.
    private static IReadOnlyList<PassageRecord> Corpus()
    {
        var passages = new List<PassageRecord>
        {
            new("wing", "Wing flutter", "Flutter of aircraft wings is an aeroelastic instability that grows with flight speed."),
            new("wing#2", "Wing flutter", "Wing flutter can destroy an aircraft wing within seconds once the speed passes the flutter limit."),
            new("wing#3", "Wing flutter", "Engineers damp wing flutter of aircraft with mass balance and stiffer wing spars."),
            new("copy", "Wing flutter", "Flutter of aircraft wings is an aeroelastic instability that grows with flight speed!"),
        };
        passages.AddRange(Enumerable.Range(0, 26).Select(i => new PassageRecord($"air{i}", $"Aircraft note {i}", $"Aircraft wing design note {i}: spars, ribs and skin panels carry the load of the wing.")));
        passages.AddRange(Enumerable.Range(0, 30).Select(i => new PassageRecord($"other{i}", $"Kitchen {i}", $"Recipe {i} bakes bread with flour, water, salt and yeast.")));
        return passages;
    }

    [Fact]
    public async Task NegativesComeFromTheWindowAndNeverThePositiveItsSiblingsOrANearCopy()
    {
        var corpus = Corpus();
        using var encoder = OnnxSentenceEncoder.Create(BaseModelLocator.GetMiniLM(), new OnnxSentenceEncoderOptions { PreferCuda = false });
        var vectors = await DenseRetriever.EncodeCorpusAsync(encoder, corpus);
        var queries = new[] { "why do aircraft wings flutter", "wing flutter at high speed", "aeroelastic instability of wings" };
        var pairs = queries.Select(q => (new TrainingPair(q, "Wing flutter Flutter of aircraft wings is an aeroelastic instability."), "wing")).ToList();
        var options = new HardNegativeOptions { RankFrom = 0, RankTo = 50, MaxCosineToPositive = 0.95, Seed = 3 };

        var result = await HardNegativeMiner.MineAsync(corpus, vectors, encoder, pairs, new Bm25Options(), options);

        Assert.Equal(3, result.Examples.Count);
        Assert.Equal(0, result.WithoutNegative);
        var excluded = new[] { "wing", "wing#2", "wing#3", "copy" };
        Assert.All(result.Examples, e => Assert.DoesNotContain(e.NegativeId, excluded));
        Assert.All(result.Examples, e => Assert.Equal(PassageTextOf(corpus, e.NegativeId), e.Pair.HardNegative));
        // Same seed, same negatives.
        var again = await HardNegativeMiner.MineAsync(corpus, vectors, encoder, pairs, new Bm25Options(), options);
        Assert.Equal(result.Examples.Select(e => e.NegativeId), again.Examples.Select(e => e.NegativeId));
    }

    [Fact]
    public async Task APairWithNothingInTheWindowIsLeftOutAndCounted()
    {
        var corpus = Corpus().Take(5).ToList();
        using var encoder = OnnxSentenceEncoder.Create(BaseModelLocator.GetMiniLM(), new OnnxSentenceEncoderOptions { PreferCuda = false });
        var vectors = await DenseRetriever.EncodeCorpusAsync(encoder, corpus);
        // Five passages: ranks 10..50 are empty on both sides.
        var result = await HardNegativeMiner.MineAsync(corpus, vectors, encoder,
            [(new TrainingPair("wing flutter", "Wing flutter"), "wing")], new Bm25Options(), new HardNegativeOptions());

        Assert.Empty(result.Examples);
        Assert.Equal(1, result.WithoutNegative);
    }

    [Theory]
    [InlineData("doc", "doc#2", true)]
    [InlineData("doc#2", "doc#3", true)]
    [InlineData("doc", "doc2", false)]
    [InlineData("a#b", "a", false)]
    public void SiblingsShareTheirDocumentId(string a, string b, bool siblings) =>
        Assert.Equal(siblings, HardNegativeMiner.IsSibling(a, b));

    [Fact]
    public async Task TheHybridTeacherMixesCosineAndNormalisedBm25Margins()
    {
        var example = new MinedExample(new TrainingPair("q", "p", "n"), "p", "n",
            PositiveCosine: 0.8, NegativeCosine: 0.5, PositiveBm25: 6, NegativeBm25: 2, TopBm25: 8);

        // 0.5 × (0.8 − 0.5) + 0.5 × (6 − 2) / 8 = 0.15 + 0.25
        var margins = await new HybridScoreTeacher(0.5).MarginsAsync([example], CancellationToken.None);
        Assert.Equal(0.4, margins[0], 12);
        // α = 1: the cosine margin alone.
        Assert.Equal(0.3, (await new HybridScoreTeacher(1).MarginsAsync([example], CancellationToken.None))[0], 12);
    }

    private static string PassageTextOf(IReadOnlyList<PassageRecord> corpus, string id)
    {
        var passage = corpus.Single(p => p.Id == id);
        return $"{passage.Title} {passage.Text}";
    }
}
