using GenQ.Runs.Leases;

namespace GenQ.Runs.Tests;

public sealed class RunLeaseOptionsValidatorTests
{
    private readonly RunLeaseOptionsValidator _validator = new();

    [Fact]
    public void TheDefaultsAndALeaseOfExactlyTwoHeartbeatsPass()
    {
        Assert.True(_validator.Validate(null, new RunLeaseOptions()).Succeeded); // 30 s against 2 x 5 s
        Assert.True(_validator.Validate(null, new RunLeaseOptions { HeartbeatInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(10) }).Succeeded);
    }

    [Fact]
    public void ALeaseShorterThanTwoHeartbeatsFailsNamingTheSetting()
    {
        var result = _validator.Validate(null, new RunLeaseOptions { HeartbeatInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(9) });

        Assert.True(result.Failed);
        Assert.Equal(
            "RunLease:Timeout must be at least two heartbeat intervals (one late heartbeat must not look like a lost trainer).",
            result.FailureMessage);
    }
}
