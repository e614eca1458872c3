using GenQ.SearchApi.Ingestion;
using GenQ.SearchApi.Limits;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>The search API's own options validators: the defaults start, a value that cannot work fails by name.</summary>
public sealed class OptionsValidatorTests
{
    [Fact]
    public void TheDefaultIngestOptionsPass() => Assert.True(new IngestOptionsValidator().Validate(null, new IngestOptions()).Succeeded);

    [Fact]
    public void ARetrainingThresholdOfZeroFailsNamingTheSetting()
    {
        var result = new IngestOptionsValidator().Validate(null, new IngestOptions { RetrainAfterNewPassages = 0 });

        Assert.True(result.Failed);
        Assert.Equal(
            "IngestOptions:RetrainAfterNewPassages must be at least 1 (new passages that trigger retraining the corpus).",
            result.FailureMessage);
    }

    [Fact]
    public void TheDefaultRateLimitsPass() => Assert.True(new RateLimitOptionsValidator().Validate(null, new RateLimitOptions()).Succeeded);

    [Fact]
    public void AnUploadPolicyWithoutAWindowFailsNamingTheSection()
    {
        var options = new RateLimitOptions { Upload = new RateLimitRule { PermitLimit = 60, Window = TimeSpan.Zero } };

        var result = new RateLimitOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal("RateLimits: every PermitLimit must be at least 1 and every Window positive.", result.FailureMessage);
    }
}
