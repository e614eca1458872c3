using GenQ.Adaptation.Promotion;

namespace GenQ.Adaptation.Tests.Promotion;

public sealed class PromotionGateOptionsValidatorTests
{
    private readonly PromotionGateOptionsValidator _validator = new();

    [Fact]
    public void TheDefaultsPass() => Assert.True(_validator.Validate(null, new PromotionGateOptions()).Succeeded);

    [Fact]
    public void AConfidenceOfOneHalfFailsAloneNamingTheSetting()
    {
        // The bound is exclusive: a 50 % two-sided interval says nothing about a gain.
        var result = _validator.Validate(null, new PromotionGateOptions { Confidence = 0.5 });

        Assert.True(result.Failed);
        Assert.Equal(["PromotionGate:Confidence must be between 0.5 and 1."], result.Failures);
    }

    [Fact]
    public void EveryBoundOutOfRangeIsNamed()
    {
        var result = _validator.Validate(null, new PromotionGateOptions { RequiredMargin = 1, Confidence = 1, DenseTolerance = -0.01 });

        Assert.Equal(
            [
                "PromotionGate:RequiredMargin must be between 0 and 1 (an MRR@10 difference).",
                "PromotionGate:Confidence must be between 0.5 and 1.",
                "PromotionGate:DenseTolerance must be between 0 and 1.",
            ],
            result.Failures);
    }
}
