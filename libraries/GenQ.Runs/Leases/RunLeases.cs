namespace GenQ.Runs.Leases;

/// <summary>
/// Hands out run leases to this process. GenQ.Runs takes the settings as they are (no options package); a service
/// binds <see cref="RunLeaseOptions"/> and passes its value.
/// </summary>
public sealed class RunLeases(RunStore runs, RunLeaseOptions options, TimeProvider clock)
{
    /// <summary>Who this process is in a run's status: host and process id, so an operator can find it.</summary>
    public static string ThisProcess { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public Task<RunLease> HoldAsync(string runId) => RunLease.AcquireAsync(runs, runId, ThisProcess, options, clock);
}
