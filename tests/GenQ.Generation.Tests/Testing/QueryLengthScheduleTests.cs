using GenQ.Generation.Testing.Decoding;

namespace GenQ.Generation.Tests.Testing;

/// <summary>The benchmark's query-length distribution is what its documentation says, and a seed fixes it.</summary>
public sealed class QueryLengthScheduleTests
{
    [Fact]
    public void LengthsAreDoc2QueryLikeAndBounded()
    {
        var lengths = QueryLengthSchedule.Draw(100_000, maxNewTokens: 64);
        var mean = lengths.Average();
        Assert.InRange(mean, 10.5, 11.5);
        Assert.Equal(QueryLengthSchedule.MinLength, lengths.Min());
        Assert.InRange(lengths.Max(), 48, 64);
        Assert.InRange(lengths.Count(l => l >= 32) / 100_000.0, 0.005, 0.015);
    }

    [Fact]
    public void TheSameSeedGivesTheSameScheduleAndMaxNewTokensCaps()
    {
        Assert.Equal(QueryLengthSchedule.Draw(500, 64), QueryLengthSchedule.Draw(500, 64));
        Assert.NotEqual(QueryLengthSchedule.Draw(500, 64), QueryLengthSchedule.Draw(500, 64, seed: 3));
        Assert.All(QueryLengthSchedule.Draw(500, 12), l => Assert.InRange(l, 2, 12));
    }
}
