using GenQ.Contracts.Runs;
using GenQ.WebApp.Components.UI;

namespace GenQ.WebApp.Tests.Components;

public sealed class PromotionViewTests
{
    [Fact]
    public async Task AKeptCandidateShowsTheDecisionTheReasonAndBothVersionsScores()
    {
        var report = new PromotionReport(PromotionReport.Kept, "hybrid MRR@10 gain 0.004 is below the required 0.01", "v0002", "v0001")
        {
            Queries = 120,
            CandidateMrrAt10 = 0.8123,
            LiveMrrAt10 = 0.80833,
            CandidateDenseMrrAt10 = 0.7,
            LiveDenseMrrAt10 = 0.71,
            Difference = 0.004,
            CiLow = -0.01,
            CiHigh = 0.018,
            PValue = 0.31,
        };

        var html = await ComponentRenderer.RenderAsync<PromotionView>(new() { [nameof(PromotionView.Promotion)] = report });

        Assert.Contains("Promotion: kept</h2>", html);
        Assert.Contains("below the required 0.01", html);
        Assert.Contains("120 held-out synthetic queries", html);
        Assert.Contains(">0.8123</td>", html);
        Assert.Contains(">0.8083</td>", html); // four decimals
        Assert.Contains("p = 0.3100", html);
    }
}
