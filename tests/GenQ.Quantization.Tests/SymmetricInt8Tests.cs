using GenQ.Quantization.Weights;

namespace GenQ.Quantization.Tests;

public sealed class SymmetricInt8Tests
{
    [Fact]
    public void PerColumnErrorIsAtMostHalfAStepOfThatColumn()
    {
        const int Rows = 64, Cols = 48;
        var random = new Random(7);
        // Columns of very different magnitude: per-column scales must follow each one.
        var values = Enumerable.Range(0, Rows * Cols).Select(i => (float)((random.NextDouble() * 2 - 1) * Math.Pow(10, (i % Cols) / 16.0 - 2))).ToArray();
        var q = SymmetricInt8.PerColumn(values, Rows, Cols, SymmetricInt8.FullRange);

        Assert.Equal(Cols, q.Scales.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var scale = q.Scales[i % Cols];
            Assert.InRange(Math.Abs(values[i] - (q.Codes[i] * scale)), 0, (scale / 2) + 1e-7);
        }

        // The largest magnitude of each column maps to +-127.
        for (var c = 0; c < Cols; c++)
        {
            Assert.Equal(127, Enumerable.Range(0, Rows).Max(r => Math.Abs((int)q.Codes[(r * Cols) + c])));
        }
    }

    [Fact]
    public void ReducedRangeStaysWithinSevenBits()
    {
        var values = new float[] { -2f, -1.2f, 0f, 0.5f, 1.2f, 2f };
        var q = SymmetricInt8.PerTensor(values, SymmetricInt8.ReducedRange);
        Assert.Equal([-63, -38, 0, 16, 38, 63], q.Codes.Select(c => (int)c)); // 37.8 and 15.75 round to nearest
        Assert.Equal(2f / 63, q.Scales[0], 6);
    }

    [Fact]
    public void ZeroRowGetsUnitScaleAndZeroCodes()
    {
        var values = new float[] { 0, 0, 0, 1, -4, 2 };
        var q = SymmetricInt8.PerRow(values, 2, 3, SymmetricInt8.FullRange);
        Assert.Equal([1f, 4f / 127], q.Scales);
        Assert.Equal([0, 0, 0, 32, -127, 64], q.Codes.Select(c => (int)c));
    }

    [Fact]
    public void NonFiniteWeightIsRejected()
    {
        var ex = Assert.Throws<InvalidDataException>(() => SymmetricInt8.PerColumn([1f, float.NaN, 0f, 2f], 2, 2, SymmetricInt8.FullRange));
        Assert.Contains("row 0, column 1", ex.Message);
    }

    [Fact]
    public void ShapeMismatchIsRejected()
        => Assert.Throws<ArgumentException>(() => SymmetricInt8.PerRow([1f, 2f, 3f], 2, 2, SymmetricInt8.FullRange));
}
