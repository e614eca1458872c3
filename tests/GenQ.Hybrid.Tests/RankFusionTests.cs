using GenQ.Hybrid.Fusion;

namespace GenQ.Hybrid.Tests;

public sealed class RankFusionTests
{
    private static IReadOnlyList<RankedCandidate> List(params (string Id, double Score)[] hits) => hits.Select(h => new RankedCandidate(h.Id, h.Score)).ToList();

    [Fact]
    public void RrfSumsReciprocalRanksAndBreaksTiesByDenseRankThenId()
    {
        var dense = List(("a", 0.9), ("b", 0.8), ("c", 0.7));
        var lexical = List(("c", 12), ("b", 11), ("d", 10));

        var fused = RankFusion.Fuse(dense, lexical, FusionSettings.Rrf(60), 10);

        // c: 1/63 + 1/61 is a hair above b: 1/62 + 1/62; then a: 1/61 only; d: 1/63 only.
        Assert.Equal(["c", "b", "a", "d"], fused.Select(f => f.Id));
        Assert.Equal(1.0 / 63 + 1.0 / 61, fused[0].Score, 12);
        Assert.Equal(2.0 / 62, fused[1].Score, 12);
        Assert.Equal((2, 0.8, 2, 11.0), (fused[1].DenseRank!.Value, fused[1].DenseScore!.Value, fused[1].LexicalRank!.Value, fused[1].LexicalScore!.Value));
        Assert.Null(fused[3].DenseRank);
        Assert.Null(fused[2].LexicalRank);
    }

    [Fact]
    public void RrfTiesAreOrderedByDenseRankThenLexicalRankThenOrdinalId()
    {
        // x is dense #1 only, y is lexical #1 only: equal RRF scores, the dense side wins the tie.
        var fused = RankFusion.Fuse(List(("x", 1)), List(("y", 1)), FusionSettings.Rrf(), 10);
        Assert.Equal(["x", "y"], fused.Select(f => f.Id));

        // Weighted: B (dense only, its repeat ignored) and A (lexical only) both score 0.5; the dense side wins the tie.
        var dup = RankFusion.Fuse(List(("B", 1), ("B", 0.5)), List(("A", 1)), FusionSettings.Weighted(0.5), 10);
        Assert.Equal(["B", "A"], dup.Select(f => f.Id));
        // Equal score and equal ranks: ordinal id decides.
        var byId = RankFusion.Fuse([], List(("b", 1)), FusionSettings.Rrf(), 10)
            .Concat(RankFusion.Fuse([], List(("a", 1)), FusionSettings.Rrf(), 10)).ToList();
        byId.Sort(RankFusion.Compare);
        Assert.Equal(["a", "b"], byId.Select(f => f.Id));
    }

    [Fact]
    public void TopKCutsTheFusedList()
    {
        var fused = RankFusion.Fuse(List(("a", 3), ("b", 2), ("c", 1)), List(("d", 3), ("e", 2)), FusionSettings.Default, 2);
        Assert.Equal(["a", "d"], fused.Select(f => f.Id));
    }

    [Fact]
    public void WeightedFusionNormalisesEachListMinMaxAndMissingSideCountsZero()
    {
        var dense = List(("a", 0.9), ("b", 0.7), ("c", 0.5));      // → 1, 0.5, 0
        var lexical = List(("c", 30), ("d", 20), ("a", 10));       // → 1, 0.5, 0

        var fused = RankFusion.Fuse(dense, lexical, FusionSettings.Weighted(0.7), 10);
        var scores = fused.ToDictionary(f => f.Id, f => f.Score);

        Assert.Equal(0.7 * 1 + 0.3 * 0, scores["a"], 12);
        Assert.Equal(0.7 * 0.5, scores["b"], 12);
        Assert.Equal(0.7 * 0 + 0.3 * 1, scores["c"], 12);
        Assert.Equal(0.3 * 0.5, scores["d"], 12);
        Assert.Equal(["a", "b", "c", "d"], fused.Select(f => f.Id));
    }

    [Fact]
    public void WeightedFusionMapsASingleCandidateOrEqualScoresToOne()
    {
        var single = RankFusion.Fuse(List(("a", -3.5)), [], FusionSettings.Weighted(0.4), 10);
        Assert.Equal(0.4, Assert.Single(single).Score, 12);

        var equal = RankFusion.Fuse(List(("a", 2), ("b", 2)), List(("b", 7), ("c", 7)), FusionSettings.Weighted(0.5), 10);
        Assert.Equal(["b", "a", "c"], equal.Select(f => f.Id));
        Assert.Equal([1.0, 0.5, 0.5], equal.Select(f => Math.Round(f.Score, 12)));
    }

    [Fact]
    public void AlphaOneIsDenseAloneAndAlphaZeroIsLexicalAlone()
    {
        var dense = List(("a", 0.9), ("b", 0.8), ("c", 0.1));
        var lexical = List(("c", 9), ("b", 5), ("a", 1));

        Assert.Equal(["a", "b", "c"], RankFusion.Fuse(dense, lexical, FusionSettings.Weighted(1), 10).Select(f => f.Id));
        Assert.Equal(["c", "b", "a"], RankFusion.Fuse(dense, lexical, FusionSettings.Weighted(0), 10).Select(f => f.Id));
    }

    [Fact]
    public void EmptyListsFuseToNothing() => Assert.Empty(RankFusion.Fuse([], [], FusionSettings.Default, 10));
}
