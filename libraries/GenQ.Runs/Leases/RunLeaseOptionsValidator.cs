using Microsoft.Extensions.Options;

namespace GenQ.Runs.Leases;

/// <summary>
/// Fails start-up on a lease shorter than two heartbeats: one late heartbeat (a slow Redis write, a garbage collection)
/// must not make a live owner look lost.
/// </summary>
public sealed class RunLeaseOptionsValidator : IValidateOptions<RunLeaseOptions>
{
    public ValidateOptionsResult Validate(string? name, RunLeaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.HeartbeatInterval > TimeSpan.Zero && options.Timeout >= 2 * options.HeartbeatInterval
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{RunLeaseOptions.SectionName}:Timeout must be at least two heartbeat intervals (one late heartbeat must not look like a lost trainer).");
    }
}
