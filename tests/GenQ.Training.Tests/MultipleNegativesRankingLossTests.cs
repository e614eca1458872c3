using GenQ.Training.Losses;
using GenQ.Training.Modeling;
using static TorchSharp.torch;

namespace GenQ.Training.Tests;

public sealed class MultipleNegativesRankingLossTests
{
    private static readonly float[][] Anchors = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
    private static readonly float[][] Positives = [[1, 1, 0], [0, 1, 0], [1, 0, 1]];

    [Fact]
    public void MatchesAHandComputedValueOn3x3()
    {
        // By hand: cos(anchor_i, positive_j) with |(1,1,0)| = |(1,0,1)| = √2:
        //   row 0: [1/√2, 0, 1/√2]   row 1: [1/√2, 1, 0]   row 2: [0, 0, 1/√2]; scores = 20 * cos.
        // loss = mean_i (log Σ_j exp(s_ij) - s_ii).
        var r = 20 / Math.Sqrt(2);
        var expected = (
            (Math.Log(Math.Exp(r) + 1 + Math.Exp(r)) - r)
            + (Math.Log(Math.Exp(r) + Math.Exp(20) + 1) - 20)
            + (Math.Log(1 + 1 + Math.Exp(r)) - r)) / 3;

        var actual = Compute(new MultipleNegativesRankingLossOptions(), Anchors, Positives);

        Assert.Equal(expected, actual, 4);
        Assert.Equal(Math.Log(2) / 3, expected, 2); // row 0 ties between two candidates (≈ ln 2), rows 1 and 2 are nearly solved
    }

    [Fact]
    public void SymmetricVariantAveragesBothDirections()
    {
        var forward = Compute(new MultipleNegativesRankingLossOptions(), Anchors, Positives);
        var backward = Compute(new MultipleNegativesRankingLossOptions(), Positives, Anchors);

        var symmetric = Compute(new MultipleNegativesRankingLossOptions { Symmetric = true }, Anchors, Positives);

        Assert.Equal((forward + backward) / 2, symmetric, 4);
    }

    [Fact]
    public void HardNegativesAddCandidatesAndRaiseTheLoss()
    {
        using var anchors = tensor(Anchors.SelectMany(x => x).ToArray(), [3, 3]);
        using var positives = tensor(Positives.SelectMany(x => x).ToArray(), [3, 3]);
        using var negatives = tensor(new float[] { 1, 0, 0.1f, 0, 1, 0.1f, 0.1f, 0, 1 }, [3, 3]);
        var loss = new MultipleNegativesRankingLoss(null!, new MultipleNegativesRankingLossOptions());

        using var without = loss.ComputeLossFromEmbeddings(anchors, positives);
        using var with = loss.ComputeLossFromEmbeddings(anchors, positives, negatives);

        Assert.True(with.item<float>() > without.item<float>() + 1, "near-duplicate hard negatives must make the task harder");
    }

    private static double Compute(MultipleNegativesRankingLossOptions options, float[][] a, float[][] p)
    {
        using var anchors = tensor(a.SelectMany(x => x).ToArray(), [3, 3]);
        using var positives = tensor(p.SelectMany(x => x).ToArray(), [3, 3]);
        using var value = new MultipleNegativesRankingLoss(null!, options).ComputeLossFromEmbeddings(anchors, positives);
        return value.item<float>();
    }
}
