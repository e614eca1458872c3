using System.Text.RegularExpressions;
using GenQ.WebApp.Components.UI;
using GenQ.WebApp.Display;

namespace GenQ.WebApp.Tests.Components;

public sealed partial class BarChartTests
{
    [Fact]
    public async Task BarsAreDrawnInProportionToTheFixedMaximumAndTheChosenOneIsMarked()
    {
        var html = await ComponentRenderer.RenderAsync<BarChart>(new()
        {
            [nameof(BarChart.Items)] = new List<BarItem> { new("rrf:60", 0.5), new("weighted:0.3", 1.0, Highlight: true), new("weighted:0", 0) },
            [nameof(BarChart.Max)] = 1.0,
            [nameof(BarChart.Title)] = "MRR@10",
        });

        // The chart is 640 wide with 170 for labels and 70 for values: bars have 400 px, so 0.5 of 1 is 200 px.
        Assert.Equal(["200", "400", "0"], Widths().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Single(Regex.Matches(html, "class=\"row chosen\""));
        Assert.Contains("weighted:0.3", html);
    }

    [GeneratedRegex("<rect class=\"bar\"[^>]* width=\"([0-9.]+)\"")]
    private static partial Regex Widths();
}
