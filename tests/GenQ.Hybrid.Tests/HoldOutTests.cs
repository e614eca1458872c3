using GenQ.Contracts.Jobs;
using GenQ.Hybrid.Tuning;

namespace GenQ.Hybrid.Tests;

public sealed class HoldOutTests
{
    private static List<QueryPassagePair> Pairs(int n) =>
        Enumerable.Range(0, n).Select(i => new QueryPassagePair($"query {i}", $"doc{i / 3}", i % 2 == 0 ? $"positive {i / 3}" : null)).ToList();

    [Fact]
    public void SplitIsDisjointCompleteAndOfTheAskedSize()
    {
        var pairs = Pairs(205);
        var split = HoldOut.Split(pairs, 0.1, 1000, seed: 7);

        // Target round(20.5) = 21 pairs, taken in whole passages of 3 pairs (one passage has 1): 21 to 23 pairs.
        Assert.InRange(split.HeldOut.Count, 21, 23);
        Assert.Equal(205, split.Training.Count + split.HeldOut.Count);
        Assert.Empty(split.Training.Intersect(split.HeldOut));
        Assert.Equal(pairs.OrderBy(p => p.Query), split.Training.Concat(split.HeldOut).OrderBy(p => p.Query));
        // Both lists keep the input order.
        Assert.Equal(split.HeldOut, pairs.Where(split.HeldOut.Contains));
    }

    [Fact]
    public void PassagesAreHeldOutWholeSoNoHeldOutPassageIsTrainedOn()
    {
        var pairs = Pairs(600);
        var split = HoldOut.Split(pairs, 0.2, 1000, seed: 1);

        var heldPassages = split.HeldOut.Select(p => p.PassageId).ToHashSet();
        Assert.DoesNotContain(split.Training, p => heldPassages.Contains(p.PassageId));
        // Every held-out passage brings all three of its pairs.
        Assert.All(heldPassages, id => Assert.Equal(3, split.HeldOut.Count(p => p.PassageId == id)));
        Assert.Equal(40, heldPassages.Count); // 120 pairs = 40 whole passages of 3
    }

    [Fact]
    public void SameInputHeldOutTheSameWayWhateverTheOrder()
    {
        var pairs = Pairs(300);
        var shuffled = pairs.OrderBy(p => HashCode.Combine(p.Query.Length, p.Query[^1])).Reverse().ToList();

        var first = HoldOut.Split(pairs, 0.1, 1000, seed: 3).HeldOut.Select(p => p.Query).Order().ToList();
        var again = HoldOut.Split(pairs, 0.1, 1000, seed: 3).HeldOut.Select(p => p.Query).Order().ToList();
        var reordered = HoldOut.Split(shuffled, 0.1, 1000, seed: 3).HeldOut.Select(p => p.Query).Order().ToList();
        var otherSeed = HoldOut.Split(pairs, 0.1, 1000, seed: 4).HeldOut.Select(p => p.Query).Order().ToList();

        Assert.Equal(first, again);
        Assert.Equal(first, reordered);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void MaxCapsTheHeldOutSlice()
    {
        // 3 pairs per passage: 13 whole passages fit under a cap of 40 pairs.
        var split = HoldOut.Split(Pairs(999), 0.5, 40);
        Assert.Equal(39, split.HeldOut.Count);
        Assert.Equal(960, split.Training.Count);
        Assert.Empty(HoldOut.Split(Pairs(4), 0.1).HeldOut);
    }

    [Fact]
    public void RejectsAFractionOutsideZeroToHalf()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => HoldOut.Split(Pairs(10), 0.9));
        Assert.Contains("fraction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TuningCorpusSwapsHeldOutPassagesForTheirPositiveText()
    {
        var passages = new List<PassageRecord> { new("doc0", "T0", "full 0"), new("doc1", "T1", "full 1"), new("doc2", "", "full 2") };
        var heldOut = new List<QueryPassagePair> { new("q", "doc1", "positive 1"), new("r", "doc1", "other positive"), new("s", "doc2") };

        var corpus = FusionTuningCorpus.Build(passages, heldOut);
        var unswapped = FusionTuningCorpus.Build(passages, heldOut, swapPositives: false);

        Assert.Equal(["full 0", "positive 1", "full 2"], corpus.Passages.Select(p => p.Text));
        Assert.Equal("T1", corpus.Passages[1].Title);
        Assert.Equal(["doc1"], corpus.SwappedIds);
        Assert.Equal(["full 0", "full 1", "full 2"], unswapped.Passages.Select(p => p.Text));
        Assert.Empty(unswapped.SwappedIds);
        Assert.Equal([new HeldOutQuery("q", "doc1"), new HeldOutQuery("r", "doc1"), new HeldOutQuery("s", "doc2")], FusionTuningCorpus.Queries(heldOut));
    }
}
