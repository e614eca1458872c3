using GenQ.VectorStore.Embedded;

namespace GenQ.VectorStore.Tests.Embedded;

public sealed class Int8VectorsTests
{
    [Fact]
    public void TheSimdDotProductEqualsTheScalarOneForEveryLengthAndExtremeValues()
    {
        var random = new Random(50);
        for (var length = 0; length <= 200; length++)
        {
            var a = new sbyte[length];
            var b = new sbyte[length];
            var expected = 0;
            for (var i = 0; i < length; i++)
            {
                a[i] = (sbyte)random.Next(-127, 128);
                b[i] = (sbyte)(i % 7 == 0 ? -127 : random.Next(-127, 128));
                expected += a[i] * b[i];
            }

            Assert.Equal(expected, Int8Vectors.Dot(a, b));
        }

        var max = Enumerable.Repeat((sbyte)127, 4096).ToArray();
        Assert.Equal(127 * 127 * 4096, Int8Vectors.Dot(max, max)); // no int16 overflow in the pairwise sums
    }

    [Fact]
    public void QuantisationUsesTheFullRangeAndReconstructsWithinHalfAStep()
    {
        var source = new[] { 0.5f, -0.25f, 0.1f, 0f, -0.5f };
        var codes = new sbyte[source.Length];

        var scale = Int8Vectors.Quantize(source, codes);

        Assert.Equal(0.5f / 127f, scale, 6);
        Assert.Equal(new sbyte[] { 127, -64, 25, 0, -127 }, codes);
        for (var i = 0; i < source.Length; i++)
        {
            Assert.InRange(Math.Abs((codes[i] * scale) - source[i]), 0, (scale / 2) + 1e-7);
        }

        Assert.Equal(0f, Int8Vectors.Quantize(new float[3], codes.AsSpan(0, 3)));
    }
}
