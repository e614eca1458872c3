using System.Numerics.Tensors;

namespace GenQ.Training.Tests;

internal static class Assertions
{
    /// <summary>Asserts every pair of embeddings agrees to the parity bar of issue 4 and returns the worst values.</summary>
    public static (float MinCosine, float MaxAbsDiff) AssertParity(float[][] expected, float[][] actual, float minCosine, float maxAbsDiff)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worstCos = 1f;
        var worstDiff = 0f;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Length, actual[i].Length);
            var cos = TensorPrimitives.CosineSimilarity(expected[i], actual[i]);
            var diff = new float[expected[i].Length];
            TensorPrimitives.Subtract(expected[i], actual[i], diff);
            var maxDiff = TensorPrimitives.MaxMagnitude(diff);
            worstCos = Math.Min(worstCos, cos);
            worstDiff = Math.Max(worstDiff, Math.Abs(maxDiff));
            Assert.True(cos >= minCosine, $"text {i}: cosine {cos:F7} < {minCosine}");
            Assert.True(Math.Abs(maxDiff) <= maxAbsDiff, $"text {i}: max abs diff {maxDiff:E2} > {maxAbsDiff:E0}");
        }

        return (worstCos, worstDiff);
    }
}
