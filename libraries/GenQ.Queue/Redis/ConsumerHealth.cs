using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace GenQ.Queue.Redis;

/// <summary>
/// The consumers' own view of whether they are working, exposed as a health check: a worker whose consumer
/// loop cannot read its stream is not healthy even if the process is alive. A consumer that cannot read is
/// Degraded with the reason, Unhealthy once that lasted <see cref="JobQueueOptions.UnhealthyAfter"/>, and Healthy
/// again as soon as a read succeeds.
/// </summary>
public sealed class ConsumerHealth(IOptions<JobQueueOptions> options, TimeProvider? time = null) : IHealthCheck
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Problem?> _problems = new();

    /// <summary>Registers a consumer as starting (not healthy until it reports running).</summary>
    public void Starting(string consumer) => _problems[consumer] = new Problem("starting", _time.GetUtcNow());

    public void Running(string consumer) => _problems[consumer] = null;

    /// <summary>Records why the consumer cannot read; the first failure of a streak dates it.</summary>
    public void Failing(string consumer, string reason) =>
        _problems.AddOrUpdate(consumer,
            _ => new Problem(reason, _time.GetUtcNow()),
            (_, current) => new Problem(reason, current?.Since ?? _time.GetUtcNow()));

    public void Stopped(string consumer) => _problems.TryRemove(consumer, out _);

    /// <summary>Whether the consumer is reading (false while starting or failing).</summary>
    public bool IsRunning(string consumer) => _problems.TryGetValue(consumer, out var problem) && problem is null;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var problems = _problems.Where(entry => entry.Value is not null)
            .Select(entry => (Consumer: entry.Key, Problem: entry.Value!))
            .ToList();
        if (problems.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{_problems.Count} consumer(s) reading"));
        }
        var description = string.Join("; ", problems.Select(p =>
            $"{p.Consumer}: {p.Problem.Reason} (for {(now - p.Problem.Since).TotalSeconds:0} s)"));
        var unhealthy = problems.Any(p => now - p.Problem.Since >= options.Value.UnhealthyAfter);
        return Task.FromResult(unhealthy ? HealthCheckResult.Unhealthy(description) : HealthCheckResult.Degraded(description));
    }

    private sealed record Problem(string Reason, DateTimeOffset Since);
}
