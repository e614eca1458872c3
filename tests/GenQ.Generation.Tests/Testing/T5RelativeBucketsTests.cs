using GenQ.Generation.Testing.T5;

namespace GenQ.Generation.Tests.Testing;

public sealed class T5RelativeBucketsTests
{
    // Values worked out by hand from Hugging Face's _relative_position_bucket with 32 buckets, max_distance 128.
    [Theory]
    [InlineData(0, true, 0)]
    [InlineData(-1, true, 1)]
    [InlineData(1, true, 17)]
    [InlineData(-7, true, 7)]
    [InlineData(-8, true, 8)]
    [InlineData(-20, true, 10)]
    [InlineData(20, true, 26)]
    [InlineData(-127, true, 15)]
    [InlineData(-128, true, 15)]
    [InlineData(-5000, true, 15)]
    [InlineData(3, false, 0)]
    [InlineData(-3, false, 3)]
    [InlineData(-15, false, 15)]
    [InlineData(-16, false, 16)]
    [InlineData(-32, false, 21)]
    [InlineData(-5000, false, 31)]
    public void BucketsMatchTheReferenceFormula(long relative, bool bidirectional, long expected) =>
        Assert.Equal(expected, T5RelativeBuckets.Bucket(relative, bidirectional, 32, 128));

    [Fact]
    public void TableClipsDistantOffsetsIntoTheLastBuckets()
    {
        var table = T5RelativeBuckets.Table(bidirectional: true, 32, 128);
        Assert.Equal(257, table.Length);
        Assert.Equal(T5RelativeBuckets.Bucket(-128, true, 32, 128), table[0]);
        Assert.Equal(T5RelativeBuckets.Bucket(128, true, 32, 128), table[^1]);
        Assert.Equal(T5RelativeBuckets.Bucket(10_000, true, 32, 128), table[^1]);
    }
}
