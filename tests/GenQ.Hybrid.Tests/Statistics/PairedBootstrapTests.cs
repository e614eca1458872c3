using GenQ.Hybrid.Statistics;

namespace GenQ.Hybrid.Tests.Statistics;

public sealed class PairedBootstrapTests
{
    [Fact]
    public void TwoQueriesGiveTheFourEquallyLikelyResamples()
    {
        // Differences +0.5 and −0.1. A resample of two draws each with probability 1/2, so its mean is 0.5 (1/4),
        // 0.2 (1/2) or −0.1 (1/4): P(mean ≤ 0) = 1/4, and the 2.5 % / 97.5 % quantiles are −0.1 and 0.5.
        var result = PairedBootstrap.Compare([1.0, 0.0], [0.5, 0.1], resamples: 40_000);

        Assert.Equal(2, result.Count);
        Assert.Equal(0.5, result.CandidateMean, 12);
        Assert.Equal(0.3, result.BaselineMean, 12);
        Assert.Equal(0.2, result.MeanDifference, 12);
        Assert.InRange(result.PValue, 0.24, 0.26);
        Assert.Equal(-0.1, result.CiLow, 12);
        Assert.Equal(0.5, result.CiHigh, 12);
        Assert.Equal(1, result.Better);
        Assert.Equal(1, result.Worse);
    }

    [Fact]
    public void AllQueriesBetterIsCertainAndTiesAreNotBetter()
    {
        var better = PairedBootstrap.Compare([1.0, 0.5, 0.5], [0.5, 0.25, 0.0]);
        Assert.Equal(0, better.PValue);
        Assert.True(better.CiLow > 0);

        // Identical scores: every resampled difference is 0, which does not count as better.
        var tie = PairedBootstrap.Compare([0.5, 1.0, 0.0], [0.5, 1.0, 0.0]);
        Assert.Equal(1, tie.PValue);
        Assert.Equal(0, tie.MeanDifference);
        Assert.Equal(0, tie.Better + tie.Worse);
    }

    [Fact]
    public void TheSameScoresAlwaysGiveTheSameAnswer()
    {
        double[] a = [1, 0.5, 0, 0.33, 1, 0.25, 0, 1];
        double[] b = [0.5, 0.5, 0.2, 0.33, 0, 1, 0.1, 1];
        Assert.Equal(PairedBootstrap.Compare(a, b), PairedBootstrap.Compare(a, b));
    }

    [Fact]
    public void UnpairedInputIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => PairedBootstrap.Compare([1.0], [1.0, 0.0]));
        Assert.Contains("one candidate and one baseline score per query", error.Message, StringComparison.Ordinal);
    }
}
