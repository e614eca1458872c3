using GenQ.Adaptation.TrainingData;
using GenQ.Contracts.Jobs;

namespace GenQ.Adaptation.Tests.TrainingData;

public sealed class TrainingSetTests
{
    private static readonly Dictionary<string, PassageRecord> Passages = new()
    {
        ["a"] = new PassageRecord("a", "Wing flutter", "Flutter is an aeroelastic instability. It grows with speed."),
        ["b"] = new PassageRecord("b", "", "Insulin lowers blood glucose."),
    };

    [Fact]
    public void PositivesAreTitleAndTextWithTheGeneratorsPositiveTextInstead()
    {
        var set = TrainingSet.Build(
            [new QueryPassagePair("what is flutter", "a", "It grows with speed."), new QueryPassagePair("glucose control", "b")], Passages);

        Assert.Equal("Wing flutter It grows with speed.", set.Pairs[0].Passage);
        Assert.Equal("Insulin lowers blood glucose.", set.Pairs[1].Passage);
        Assert.Null(set.Pairs[0].HardNegative);
    }

    [Fact]
    public void DropCopiesLeavesOutQueriesCopiedFromTheirPositive()
    {
        QueryPassagePair[] pairs =
        [
            new("Wing flutter", "a", "It grows with speed."),                  // the title: a copy of the positive
            new("Flutter is an aeroelastic instability.", "a", "It grows with speed."), // the removed sentence: not in the positive
            new("blood glucose", "b"),                                          // a key phrase: a copy
            new("how does insulin act", "b"),                                   // not a copy
        ];

        var set = TrainingSet.Build(pairs, Passages, new TrainingDataOptions { DropCopies = true });

        Assert.Equal(["Flutter is an aeroelastic instability.", "how does insulin act"], set.Pairs.Select(p => p.Query));
        Assert.Equal(2, set.DroppedCopies);
        Assert.Equal(set.Pairs.Count, set.Sources.Count);
    }

    [Fact]
    public void TheBudgetSamplesThatManyPairsWithTheSeedKeepingOrder()
    {
        var pairs = Enumerable.Range(0, 100).Select(i => new QueryPassagePair($"query {i}", i % 2 == 0 ? "a" : "b")).ToList();

        var first = TrainingSet.Build(pairs, Passages, new TrainingDataOptions { MaxPairs = 30, Seed = 5 });
        var again = TrainingSet.Build(pairs, Passages, new TrainingDataOptions { MaxPairs = 30, Seed = 5 });
        var other = TrainingSet.Build(pairs, Passages, new TrainingDataOptions { MaxPairs = 30, Seed = 6 });

        Assert.Equal(30, first.Pairs.Count);
        Assert.Equal(70, first.OverBudget);
        Assert.Equal(first.Pairs, again.Pairs);
        Assert.NotEqual(first.Pairs.Select(p => p.Query), other.Pairs.Select(p => p.Query));
        var indexes = first.Pairs.Select(p => int.Parse(p.Query["query ".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(indexes.Order(), indexes);
        Assert.Equal(30, indexes.Distinct().Count());
        Assert.Equal(100, TrainingSet.Build(pairs, Passages, new TrainingDataOptions { MaxPairs = 500 }).Pairs.Count);
    }
}
