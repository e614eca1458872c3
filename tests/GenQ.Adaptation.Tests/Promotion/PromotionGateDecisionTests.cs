using GenQ.Adaptation.Promotion;
using GenQ.Contracts.Runs;
using GenQ.Hybrid.Fusion;

namespace GenQ.Adaptation.Tests.Promotion;

public sealed class PromotionGateDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly PromotionGateOptions Options = new();

    private static GateScores Scores(string version, double[] hybrid, double[]? dense = null) =>
        new(version, FusionSettings.Default, hybrid, dense ?? hybrid);

    private static double[] Repeat(int times, params double[] pattern) => Enumerable.Repeat(pattern, times).SelectMany(p => p).ToArray();

    [Fact]
    public void ClearlyBetterCandidateIsPromoted()
    {
        // 40 queries: the candidate finds its passage at rank 1 where the live version finds it at rank 2 on half of them.
        var live = Repeat(20, 0.5, 1.0);
        var candidate = Repeat(20, 1.0, 1.0);

        var report = PromotionGate.Decide(Scores("v0002", candidate), Scores("v0001", live), Options, Now);

        Assert.Equal(PromotionReport.Promoted, report.Decision);
        Assert.Equal(40, report.Queries);
        Assert.Equal(1.0, report.CandidateMrrAt10!.Value, 12);
        Assert.Equal(0.75, report.LiveMrrAt10!.Value, 12);
        Assert.Equal(0.25, report.Difference!.Value, 12);
        Assert.Equal(0, report.PValue);
        Assert.True(report.CiLow > 0);
        Assert.Equal("v0001", report.Live);
        Assert.Equal(Now, report.DecidedAt);
    }

    [Fact]
    public void ClearlyWorseCandidateIsKept()
    {
        var report = PromotionGate.Decide(Scores("v0002", Repeat(20, 0.5, 1.0)), Scores("v0001", Repeat(20, 1.0, 1.0)), Options, Now);

        Assert.Equal(PromotionReport.Kept, report.Decision);
        Assert.Equal(-0.25, report.Difference!.Value, 12);
        Assert.Contains("below the required", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ATieKeepsTheLiveVersion()
    {
        var scores = Repeat(15, 1.0, 0.5, 0.0);
        var report = PromotionGate.Decide(Scores("v0002", scores), Scores("v0001", scores), Options, Now);

        Assert.Equal(PromotionReport.Kept, report.Decision);
        Assert.Equal(0, report.Difference!.Value);
    }

    [Fact]
    public void BetterInHybridButWorseInDenseIsKept()
    {
        // Hybrid +0.25 (significant); dense −0.05 on average (one query in ten drops from rank 1 to rank 2), beyond the 0.02 tolerated.
        var hybridLive = Repeat(20, 0.5, 1.0);
        var hybridCandidate = Repeat(20, 1.0, 1.0);
        var denseLive = Repeat(4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        var denseCandidate = Repeat(4, 0.5, 1, 1, 1, 1, 1, 1, 1, 1, 1);

        var report = PromotionGate.Decide(Scores("v0002", hybridCandidate, denseCandidate), Scores("v0001", hybridLive, denseLive), Options, Now);

        Assert.Equal(PromotionReport.Kept, report.Decision);
        Assert.Contains("dense MRR@10 -0.0500", report.Reason, StringComparison.Ordinal);
        Assert.Equal(0.95, report.CandidateDenseMrrAt10!.Value, 12);
    }

    [Fact]
    public void ADenseLossWithinTheToleranceIsPromoted()
    {
        // Dense: one query of 40 drops from rank 1 to rank 2: −0.5 / 40 = −0.0125, inside the 0.02 tolerated.
        var hybridLive = Repeat(20, 0.5, 1.0);
        var hybridCandidate = Repeat(20, 1.0, 1.0);
        var denseLive = Repeat(40, 1.0);
        var denseCandidate = new[] { 0.5 }.Concat(Repeat(39, 1.0)).ToArray();

        var report = PromotionGate.Decide(Scores("v0002", hybridCandidate, denseCandidate), Scores("v0001", hybridLive, denseLive), Options, Now);

        Assert.Equal(PromotionReport.Promoted, report.Decision);
        Assert.Equal(1 - 0.5 / 40, report.CandidateDenseMrrAt10!.Value, 12);
    }

    [Fact]
    public void ABetterMeanThatIsNotSignificantIsKept()
    {
        // 22 ties, 5 gains of 0.5, 3 losses of 0.5 (30 queries): mean +0.0333, above the +0.02 margin, but a resample
        // draws at least as many losses as gains about a quarter of the time, so the interval reaches below zero.
        var live = Repeat(22, 1.0).Concat(Repeat(5, 0.5)).Concat(Repeat(3, 1.0)).ToArray();
        var candidate = Repeat(22, 1.0).Concat(Repeat(5, 1.0)).Concat(Repeat(3, 0.5)).ToArray();

        var report = PromotionGate.Decide(Scores("v0002", candidate), Scores("v0001", live), Options, Now);

        Assert.Equal(PromotionReport.Kept, report.Decision);
        Assert.Equal(1.0 / 30, report.Difference!.Value, 12);
        Assert.Contains("not shown to reach +0.0200", report.Reason, StringComparison.Ordinal);
        Assert.True(report.CiLow <= 0);
    }

    [Fact]
    public void ASignificantGainWhoseIntervalDoesNotClearTheMarginIsKept()
    {
        // 10 gains of 0.5 among 200 queries: mean +0.025. A resample draws Binomial(200, 0.05) gains (mean 10, sd 3.1),
        // so p is about P(no gain) = 0.95^200 ≈ 4e-5, but the interval's lower end (about 5 gains, 0.5 × 5 / 200 =
        // 0.0125) lies below the +0.02 margin: a gain this small on synthetic queries is not shown to be worth a rollout.
        var live = Repeat(10, 0.5).Concat(Repeat(190, 1.0)).ToArray();
        var candidate = Repeat(200, 1.0);

        var report = PromotionGate.Decide(Scores("v0002", candidate), Scores("v0001", live), Options, Now);

        Assert.Equal(0.025, report.Difference!.Value, 12);
        Assert.True(report.PValue < 0.01);
        Assert.InRange(report.CiLow!.Value, 0.0001, 0.0199);
        Assert.Equal(PromotionReport.Kept, report.Decision);
        Assert.Contains("not shown to reach +0.0200", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AOneSidedPBelowFivePercentIsNotEnoughWhenTheIntervalIncludesNoGain()
    {
        // 70 ties, 8 gains of 0.5 and 2 losses of 0.5 (80 queries): mean +0.0375. A resample is "not better" when it draws
        // no more gains than losses: about 3.3 % of resamples (simulated independently, 20,000 draws). More than 2.5 %,
        // so the 95 % interval's lower bound is ≤ 0 and the candidate is kept, although p is below 0.05.
        var live = Repeat(70, 1.0).Concat(Repeat(8, 0.5)).Concat(Repeat(2, 1.0)).ToArray();
        var candidate = Repeat(70, 1.0).Concat(Repeat(8, 1.0)).Concat(Repeat(2, 0.5)).ToArray();

        var report = PromotionGate.Decide(Scores("v0002", candidate), Scores("v0001", live), Options, Now);

        Assert.Equal(0.0375, report.Difference!.Value, 12);
        Assert.InRange(report.PValue!.Value, 0.026, 0.045);
        Assert.True(report.CiLow <= 0);
        Assert.Equal(PromotionReport.Kept, report.Decision);
    }

    [Fact]
    public void TooFewQueriesKeepTheLiveVersion()
    {
        var report = PromotionGate.Decide(Scores("v0002", Repeat(5, 1.0)), Scores("v0001", Repeat(5, 0.0)), Options, Now);

        Assert.Equal(PromotionReport.Kept, report.Decision);
        Assert.Contains("only 5 held-out queries", report.Reason, StringComparison.Ordinal);
    }
}
