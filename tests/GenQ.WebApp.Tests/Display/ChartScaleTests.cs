using GenQ.WebApp.Display;

namespace GenQ.WebApp.Tests.Display;

public sealed class ChartScaleTests
{
    [Fact]
    public void BarsWithAFixedMaximumAreProportionalToIt()
    {
        var scale = ChartScale.ForBars([0.5, 0.25], fixedMax: 1);

        Assert.Equal(200, scale.ToPixels(0.5, 400));
        Assert.Equal(100, scale.ToPixels(0.25, 400));
        Assert.Equal(400, scale.ToPixels(1.5, 400)); // beyond the maximum: clamped to the full length
    }

    [Fact]
    public void BarsWithoutAMaximumScaleToTheLargestValue()
    {
        var scale = ChartScale.ForBars([2, 4]);

        Assert.Equal(50, scale.ToPixels(2, 100));
        Assert.Equal(100, scale.ToPixels(4, 100));
    }

    [Fact]
    public void AllZeroBarsHaveNoLengthInsteadOfNaN()
    {
        var scale = ChartScale.ForBars([0, 0]);

        Assert.Equal(0, scale.ToPixels(0, 100));
    }

    [Fact]
    public void ALineSpansItsOwnRangeAndAFlatLineSitsInTheMiddle()
    {
        var line = ChartScale.ForLine([1.2, 0.4, 0.8]);
        Assert.Equal(0.5, line.Fraction(0.8), 6);
        Assert.Equal(1, line.Fraction(1.2), 6);

        var flat = ChartScale.ForLine([0.3, 0.3]);
        Assert.Equal(0.5, flat.Fraction(0.3));
    }
}
