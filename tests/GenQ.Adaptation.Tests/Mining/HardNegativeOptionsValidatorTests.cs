using GenQ.Adaptation.Mining;

namespace GenQ.Adaptation.Tests.Mining;

public sealed class HardNegativeOptionsValidatorTests
{
    private readonly HardNegativeOptionsValidator _validator = new();

    [Fact]
    public void TheDefaultWindowPasses() => Assert.True(_validator.Validate(null, new HardNegativeOptions()).Succeeded);

    [Theory]
    [InlineData(-1, 50)]
    [InlineData(50, 50)] // an empty window: ranks from 50 to below 50
    public void AnEmptyOrNegativeWindowFailsNamingTheSetting(int rankFrom, int rankTo)
    {
        var result = _validator.Validate(null, new HardNegativeOptions { RankFrom = rankFrom, RankTo = rankTo });

        Assert.True(result.Failed);
        Assert.Equal("HardNegatives:RankFrom must be ≥ 0 and below RankTo.", result.FailureMessage);
    }
}
