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

    // Own passage p second in dense, first in BM25: weighted:0.5 puts it first (0.45 + 0.5 against x's 0.5 + 0), RRF ties
    // it with x and loses on the dense rank (reciprocal rank 1 against 0.5).
    private static TuningQuery WeightedWins() => new("p", L(("x", 1), ("p", 0.9), ("z", 0)), L(("p", 1), ("x", 0), ("w", 0)));

    // p second in dense with a low score, first in BM25 with x third: RRF ranks p first (1/62 + 1/61 against x's
    // 1/61 + 1/63); weighted:0.5 gives x 0.5 + 0.4 = 0.9 and p 0.1 + 0.5 = 0.6, so p is second (0.5 against 1).
    private static TuningQuery RrfWins() => new("p", L(("x", 1), ("p", 0.2), ("z", 0)), L(("p", 1), ("y", 0.9), ("x", 0.8), ("w", 0)));

    private static TuningQuery Easy() => new("p", L(("p", 2), ("x", 1)), L(("p", 2), ("x", 1)));

    private static readonly FusionTunerOptions RrfOrHalf = new() { Candidates = [FusionSettings.Default, FusionSettings.Weighted(0.5)] };

    [Fact]
    public void AClearSignificantWinReplacesRrf()
    {
        var result = FusionTuner.Tune(Enumerable.Range(0, 20).Select(_ => WeightedWins()).ToList(), RrfOrHalf);

        Assert.Equal(FusionSettings.Weighted(0.5), result.Chosen);
        Assert.Null(result.Note);
        Assert.Equal(0.5, result.Evidence!.MeanDifference, 12); // 1 − 0.5 on every query
        Assert.Equal(0, result.Evidence.PValue);
    }

    [Fact]
    public void AWinBelowTheMarginKeepsRrf()
    {
        // One query of fifty gains 0.5: a mean gain of 0.01, half the required 0.02.
        var queries = Enumerable.Range(0, 49).Select(_ => Easy()).Append(WeightedWins()).ToList();
        var result = FusionTuner.Tune(queries, RrfOrHalf);

        Assert.Equal(FusionSettings.Default, result.Chosen);
        Assert.Equal(FusionSettings.Weighted(0.5), result.Best);
        Assert.Equal(0.01, result.Evidence!.MeanDifference, 12);
        Assert.Contains("kept rrf:60", result.Note, StringComparison.Ordinal);
        Assert.Contains("+0.0100", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void AWinThatIsNotSignificantKeepsRrf()
    {
        // Two queries gain 0.5, one loses 0.5, seventeen tie: mean +0.025 (above the margin), but a resample of twenty
        // queries often draws as many losses as gains (p far above 0.05).
        var queries = Enumerable.Range(0, 17).Select(_ => Easy()).Concat([WeightedWins(), WeightedWins(), RrfWins()]).ToList();
        var result = FusionTuner.Tune(queries, RrfOrHalf);

        Assert.Equal(FusionSettings.Default, result.Chosen);
        Assert.Equal(0.025, result.Evidence!.MeanDifference, 12);
        Assert.True(result.Evidence.PValue > 0.2, $"p {result.Evidence.PValue}");
        Assert.Equal(2, result.Evidence.Better);
        Assert.Equal(1, result.Evidence.Worse);
    }

    [Fact]
    public void Bm25HeavySettingsAreScoredButNeverChosen()
    {
        // p has the lowest dense score and the top BM25 score: weighted fusion puts it first (1 − α against x's α) only
        // for α < 0.5, which the tuner reports but may not choose; among the eligible settings RRF ties the rest.
        var queries = Enumerable.Range(0, 30).Select(_ => new TuningQuery("p", L(("x", 1), ("p", 0), ("z", 0)), L(("p", 1), ("x", 0), ("w", 0)))).ToList();

        var result = FusionTuner.Tune(queries);

        Assert.Equal(1.0, result.Candidates.Single(c => c.Settings == FusionSettings.Weighted(0.2)).MrrAt10, 12);
        Assert.True(result.Chosen.Method == FusionMethod.Rrf || result.Chosen.Alpha >= 0.5, result.Chosen.ToString());
        Assert.True(result.ChosenMrrAt10 < 1.0);
    }
}
