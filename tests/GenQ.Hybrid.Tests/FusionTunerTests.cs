using GenQ.Hybrid.Fusion;
using GenQ.Hybrid.Tuning;

namespace GenQ.Hybrid.Tests;

public sealed class FusionTunerTests
{
    private static List<RankedCandidate> L(params (string Id, double Score)[] hits) => hits.Select(h => new RankedCandidate(h.Id, h.Score)).ToList();

    /// <summary>
    /// Three kinds of query whose own passage p wins under weighted fusion only for α &lt; 0.909, α &gt; 0.645 and α &lt; 0.8
    /// respectively (worked out from the min–max scores), so α = 0.7 alone retrieves every p at rank 1; RRF ties p with x
    /// on the first kind and loses on the dense rank.
    /// </summary>
    private static List<TuningQuery> KnownBestAlpha07()
    {
        var queries = new List<TuningQuery>();
        for (var i = 0; i < 10; i++)
        {
            queries.Add(new TuningQuery("p", L(("x", 1), ("p", 0.9), ("y", 0)), L(("p", 1), ("y", 0.5), ("x", 0))));
            queries.Add(new TuningQuery("p", L(("p", 1), ("x", 0.45), ("z", 0)), L(("x", 1), ("w", 0.5), ("p", 0))));
            queries.Add(new TuningQuery("p", L(("x", 1), ("p", 0.75), ("z", 0)), L(("p", 1), ("w", 0.5), ("x", 0))));
        }

        return queries;
    }

    [Fact]
    public void PicksTheKnownBestAlpha()
    {
        var result = FusionTuner.Tune(KnownBestAlpha07());

        Assert.True(result.Tuned);
        Assert.Null(result.Note);
        Assert.Equal(30, result.Queries);
        Assert.Equal(FusionSettings.Weighted(0.7), result.Chosen);
        Assert.Equal(1.0, result.ChosenMrrAt10!.Value, 12);
        Assert.Equal(12, result.Candidates.Count);
        Assert.All(result.Candidates.Where(c => c.Settings != result.Chosen), c => Assert.True(c.MrrAt10 < 1.0, c.Settings.ToString()));
    }

    [Fact]
    public void TiesPreferRrfThenAlphaNearestHalf()
    {
        // p is first on both sides: every candidate scores MRR 1.
        var easy = Enumerable.Range(0, 25).Select(_ => new TuningQuery("p", L(("p", 2), ("x", 1)), L(("p", 2), ("x", 1)))).ToList();
        Assert.Equal(FusionSettings.Default, FusionTuner.Tune(easy).Chosen);

        var weightedOnly = new FusionTunerOptions { Candidates = [FusionSettings.Weighted(0.2), FusionSettings.Weighted(0.6), FusionSettings.Weighted(0.4)] };
        Assert.Equal(FusionSettings.Weighted(0.6), FusionTuner.Tune(easy, weightedOnly).Chosen);
    }

    [Fact]
    public void TooFewQueriesKeepTheDefaultAndSaySo()
    {
        var result = FusionTuner.Tune(KnownBestAlpha07().Take(12).ToList());

        Assert.False(result.Tuned);
        Assert.Equal(FusionSettings.Default, result.Chosen);
        Assert.Contains("12 held-out queries", result.Note, StringComparison.Ordinal);
        Assert.Equal(12, result.Candidates.Count);
    }

    [Fact]
    public void CallbackOverloadRetrievesEachQueryOnBothSides()
    {
        var held = Enumerable.Range(0, 20).Select(i => new HeldOutQuery($"q{i}", $"d{i}")).ToList();
        // Dense finds the own passage second, lexical first. RRF ties it with "other" and loses on the dense rank (MRR 0.5);
        // weighted fusion keeps it first for every α below 0.909, and the tie rule takes the α nearest 0.5.
        IReadOnlyList<RankedCandidate> Dense(string q) => L(("other", 1), ("d" + q[1..], 0.9), ("far", 0));
        IReadOnlyList<RankedCandidate> Lexical(string q) => L(("d" + q[1..], 5), ("other", 1));

        var result = FusionTuner.Tune(held, Dense, Lexical);

        Assert.Equal(FusionSettings.Weighted(0.5), result.Chosen);
        Assert.Equal(0.5, result.Candidates.Single(c => c.Settings == FusionSettings.Default).MrrAt10, 12);
        Assert.Equal(0.5, result.Candidates.Single(c => c.Settings == FusionSettings.Weighted(1)).MrrAt10, 12);
        Assert.Equal(1.0, result.Candidates.Single(c => c.Settings == FusionSettings.Weighted(0)).MrrAt10, 12);
    }

    [Fact]
    public void MrrCountsOnlyTheTopCutoff()
    {
        var deep = Enumerable.Range(0, 12).Select(i => ($"n{i}", 100.0 - i)).Append(("p", 1.0)).ToArray();
        var query = new TuningQuery("p", L(deep), []);
        Assert.Equal(0, FusionTuner.MrrAt([query], FusionSettings.Weighted(1), 10));
        Assert.Equal(1.0 / 13, FusionTuner.MrrAt([query], FusionSettings.Weighted(1), 20), 12);
    }
}
