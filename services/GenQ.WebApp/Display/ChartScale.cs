namespace GenQ.WebApp.Display;

/// <summary>
/// Maps values onto a length in pixels for the server-drawn SVG charts. A scale over equal values (or no values) maps
/// everything to the middle instead of dividing by zero; values outside the range are clamped to its ends.
/// </summary>
public sealed record ChartScale(double Min, double Max)
{
    /// <summary>Bars: from zero (or below, for negative values) to the largest value, or to <paramref name="fixedMax"/>.</summary>
    public static ChartScale ForBars(IEnumerable<double> values, double? fixedMax = null)
    {
        var list = values.Where(double.IsFinite).ToList();
        var max = fixedMax ?? (list.Count == 0 ? 0 : list.Max());
        return new ChartScale(Math.Min(0, list.Count == 0 ? 0 : list.Min()), max);
    }

    /// <summary>Lines: the values' own range (a loss curve's lowest to highest point).</summary>
    public static ChartScale ForLine(IEnumerable<double> values)
    {
        var list = values.Where(double.IsFinite).ToList();
        return list.Count == 0 ? new ChartScale(0, 0) : new ChartScale(list.Min(), list.Max());
    }

    /// <summary>Where <paramref name="value"/> lies between Min (0) and Max (1).</summary>
    public double Fraction(double value)
    {
        if (!double.IsFinite(value))
        {
            return 0;
        }
        if (Max <= Min)
        {
            return Max == 0 && Min == 0 && value == 0 ? 0 : 0.5;
        }
        return Math.Clamp((value - Min) / (Max - Min), 0, 1);
    }

    public double ToPixels(double value, double length) => Math.Round(Fraction(value) * length, 1);
}
