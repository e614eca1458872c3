namespace GenQ.Generation.Tests;

public sealed class GenerationOptionsValidatorTests
{
    private readonly GenerationOptionsValidator _validator = new();

    [Fact]
    public void TheDefaultsPass() => Assert.True(_validator.Validate(null, new GenerationOptions()).Succeeded);

    [Fact]
    public void NoQueriesPerPassageFailsWithTheMessageOfValidate()
    {
        var result = _validator.Validate(null, new GenerationOptions { QueriesPerPassage = 0 });

        Assert.True(result.Failed);
        // GenerationOptions.Validate's ArgumentException, whose message names the parameter too.
        Assert.Equal("GenerationOptions.QueriesPerPassage must be at least 1. (Parameter 'QueriesPerPassage')", result.FailureMessage);
    }
}
