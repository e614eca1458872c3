using StackExchange.Redis;

namespace GenQ.Runs.Leases;

/// <summary>
/// A run's lease held by the process working on it: renewed on a timer, so the run status can tell a live owner from a
/// dead one (<see cref="GenQ.Contracts.Runs.RunStatus.OwnerLost"/>). Disposing stops the heartbeat and leaves the
/// lease to expire (the work stopped unfinished: a shutdown or a failure that will be retried); <see cref="ReleaseAsync"/>
/// gives it up once the work is handed on.
/// </summary>
public sealed class RunLease : IAsyncDisposable
{
    private readonly RunStore _runs;
    private readonly TimeSpan _timeout;
    private readonly ITimer _timer;

    private RunLease(RunStore runs, string runId, string owner, RunLeaseOptions options, TimeProvider clock)
    {
        _runs = runs;
        _timeout = options.Timeout;
        RunId = runId;
        Owner = owner;
        _timer = clock.CreateTimer(_ => _ = RenewQuietlyAsync(), null, options.HeartbeatInterval, options.HeartbeatInterval);
    }

    public string RunId { get; }

    public string Owner { get; }

    /// <summary>Takes the run's lease (a lost owner's lease is simply overwritten: its process is gone) and starts the heartbeat.</summary>
    public static async Task<RunLease> AcquireAsync(RunStore runs, string runId, string owner, RunLeaseOptions options, TimeProvider clock)
    {
        await runs.RenewLeaseAsync(runId, owner, options.Timeout).ConfigureAwait(false);
        return new RunLease(runs, runId, owner, options, clock);
    }

    /// <summary>One heartbeat now; false when the run is cancelled or deleted (nothing is written then).</summary>
    public Task<bool> RenewAsync() => _runs.RenewLeaseAsync(RunId, Owner, _timeout);

    /// <summary>Stops the heartbeat and removes the lease, unless another owner has taken it since.</summary>
    public async Task ReleaseAsync()
    {
        await DisposeAsync().ConfigureAwait(false);
        await _runs.ReleaseLeaseAsync(RunId, Owner).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _timer.DisposeAsync();

    private async Task RenewQuietlyAsync()
    {
        try
        {
            await RenewAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // A missed heartbeat only shortens the lease; the next one (or the lease's expiry) tells the truth.
        }
    }
}
