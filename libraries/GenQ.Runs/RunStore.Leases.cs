using System.Globalization;
using GenQ.Contracts.Runs;
using StackExchange.Redis;

namespace GenQ.Runs;

/// <summary>
/// Who works on a run (its lease: owner, last heartbeat, expiry) and how it is reported: a run in training or indexing
/// whose lease expired has lost its owner, and its status says so instead of showing the dead owner's last ETA.
/// </summary>
public sealed partial class RunStore
{
    /// <summary>The text a run's detail starts with while its owner is lost.</summary>
    public const string OwnerLostDetail = "trainer lost, resuming";

    // KEYS: run hash. ARGV: owner. Removes the lease only while this owner holds it (a newer owner keeps its own).
    private const string ReleaseLeaseScript = """
        if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
          redis.call('HDEL', KEYS[1], 'owner', 'heartbeat_at', 'lease_until')
        end
        return 1
        """;

    /// <summary>Writes a heartbeat of <paramref name="owner"/>: the lease lasts <paramref name="timeout"/> from now. False for a cancelled or deleted run.</summary>
    public Task<bool> RenewLeaseAsync(string runId, string owner, TimeSpan timeout)
    {
        var now = clock.GetUtcNow();
        return UpdateLiveRunAsync(runId,
        [
            new(RunFields.Owner, owner),
            new(RunFields.HeartbeatAt, now.ToUnixTimeMilliseconds()),
            new(RunFields.LeaseUntil, (now + timeout).ToUnixTimeMilliseconds()),
        ], cancels: false);
    }

    /// <summary>Removes <paramref name="owner"/>'s lease (the work was handed on); a lease taken over by another owner stays.</summary>
    public Task ReleaseLeaseAsync(string runId, string owner) =>
        Db.ScriptEvaluateAsync(ReleaseLeaseScript, [RunKeys.Run(runId)], [owner]);

    /// <summary>Records that the run's training went on from a checkpoint of <paramref name="step"/> (shown in the run status).</summary>
    public Task SetResumedFromStepAsync(string runId, int step) =>
        UpdateExistingRunAsync(runId, [new(RunFields.ResumedFromStep, step)]);

    private RunStatus WithLease(RunStatus status, Func<string, string?> text)
    {
        var heartbeat = Millis(text(RunFields.HeartbeatAt));
        var owned = status with
        {
            Owner = text(RunFields.Owner),
            HeartbeatAt = heartbeat,
            ResumedFromStep = int.TryParse(text(RunFields.ResumedFromStep), CultureInfo.InvariantCulture, out var step) ? step : null,
        };
        var now = clock.GetUtcNow();
        if (owned.Owner is null || status.Stage is not (RunStage.Training or RunStage.Indexing) || Millis(text(RunFields.LeaseUntil)) is not { } until || until >= now)
        {
            return owned;
        }
        var silent = (now - (heartbeat ?? until)).TotalSeconds;
        return owned with
        {
            OwnerLost = true,
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"{OwnerLostDetail}: no heartbeat from {owned.Owner} for {silent:0} s; the next free trainer takes the run over from its last checkpoint (a trainer trains one run at a time)"),
        };
    }

    private static DateTimeOffset? Millis(string? value) =>
        long.TryParse(value, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
