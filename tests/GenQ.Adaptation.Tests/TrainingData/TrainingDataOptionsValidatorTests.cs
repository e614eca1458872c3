using GenQ.Adaptation.TrainingData;

namespace GenQ.Adaptation.Tests.TrainingData;

public sealed class TrainingDataOptionsValidatorTests
{
    private readonly TrainingDataOptionsValidator _validator = new();

    [Fact]
    public void NoBudgetAndABudgetOfOnePairPass()
    {
        Assert.True(_validator.Validate(null, new TrainingDataOptions()).Succeeded);
        Assert.True(_validator.Validate(null, new TrainingDataOptions { MaxPairs = 1 }).Succeeded);
    }

    [Fact]
    public void ABudgetOfNoPairsFailsNamingTheSetting()
    {
        var result = _validator.Validate(null, new TrainingDataOptions { MaxPairs = 0 });

        Assert.True(result.Failed);
        Assert.Equal("TrainingData:MaxPairs must be at least 1 when set.", result.FailureMessage);
    }
}
