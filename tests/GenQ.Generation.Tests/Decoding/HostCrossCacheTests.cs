using GenQ.Generation.Decoding;
using GenQ.Generation.Modeling;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Generation.Tests.Decoding;

public sealed class HostCrossCacheTests
{
    [Fact]
    public void ReplicatedRowsThenAnInPlaceCompactionHoldTheRowsAskedFor()
    {
        // Two passages' first-step tensors, rows of 3 values: passage p's row is [10p, 10p + 1, 10p + 2].
        float[] passages = [0, 1, 2, 10, 11, 12];
        using var source = OrtValue.CreateTensorValueFromMemory(passages, [2, 1, 3, 1]);
        var pool = new HostBufferPool(1 << 20);
        using var cache = new HostCrossCache(pool, tensors: 2);

        using var replicated = cache.Select(1, source, [0, 0, 1, 1]);
        Assert.Equal([4L, 1, 3, 1], replicated.GetTensorTypeAndShape().Shape);
        Assert.Equal([0f, 1, 2, 0, 1, 2, 10, 11, 12, 10, 11, 12], replicated.GetTensorDataAsSpan<float>().ToArray());

        // Drop rows 0 and 2, in place over the same region.
        using var kept = cache.Select(1, replicated, [1, 3]);
        Assert.Equal([2L, 1, 3, 1], kept.GetTensorTypeAndShape().Shape);
        Assert.Equal([0f, 1, 2, 10, 11, 12], kept.GetTensorDataAsSpan<float>().ToArray());

        Assert.Throws<InvalidOperationException>(() => cache.Select(0, source, [0, 0, 0, 1, 1])); // more rows than the cohort started with
    }

    [Fact]
    public void APoolHandsBackAKeptBufferOfAFittingSizeAndKeepsNoMoreThanItsLimit()
    {
        var pool = new HostBufferPool(maxRetainedBytes: 1000 * sizeof(float));
        var first = pool.Rent(600);
        pool.Return(first);

        Assert.Same(first, pool.Rent(400)); // 600 >= 400 and <= 2 x 400
        pool.Return(first);
        Assert.NotSame(first, pool.Rent(200)); // more than twice the need: kept for a larger one
        Assert.NotSame(first, pool.Rent(700)); // too small
        Assert.Equal(600 * sizeof(float), pool.RetainedBytes);

        pool.Return(new float[500]); // 1,100 floats kept would pass the limit: the oldest (600) goes
        Assert.Equal(500 * sizeof(float), pool.RetainedBytes);
        var large = new float[3000];
        pool.Return(large); // larger than the limit alone: kept, the older one goes
        Assert.Equal(3000 * sizeof(float), pool.RetainedBytes);
        Assert.Same(large, pool.Rent(2000));
    }
}
