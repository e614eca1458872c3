using GenQ.Hybrid.Fusion;

namespace GenQ.Hybrid.Tests;

public sealed class FusionSettingsTests
{
    [Theory]
    [InlineData("rrf", "rrf:60")]
    [InlineData("RRF:20", "rrf:20")]
    [InlineData("weighted:0.7", "weighted:0.7")]
    [InlineData(" Weighted:1 ", "weighted:1")]
    public void ParsesAndPrintsTheSameSetting(string text, string expected)
    {
        var settings = FusionSettings.Parse(text);
        Assert.Equal(expected, settings.ToString());
        Assert.Equal(settings, FusionSettings.Parse(settings.ToString()));
    }

    [Theory]
    [InlineData("weighted")]
    [InlineData("weighted:1.5")]
    [InlineData("weighted:abc")]
    [InlineData("rrf:-1")]
    [InlineData("max")]
    public void RejectsBadSettingsNamingTheValue(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => FusionSettings.Parse(text));
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultIsRrfWithK60()
    {
        Assert.Equal(FusionMethod.Rrf, FusionSettings.Default.Method);
        Assert.Equal(60, FusionSettings.Default.RrfK);
    }

    [Fact]
    public void SearchModesParseCaseInsensitivelyAndNameTheBadValue()
    {
        Assert.Equal([SearchMode.Hybrid, SearchMode.Dense, SearchMode.Bm25], SearchModes.ParseList("Hybrid, DENSE,bm25,dense"));
        Assert.Equal("bm25", SearchMode.Bm25.Name());
        var error = Assert.Throws<ArgumentException>(() => SearchModes.Parse("sparse"));
        Assert.Contains("'sparse'", error.Message, StringComparison.Ordinal);
    }
}
