using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GenQ.Queue.Redis;

/// <summary>
/// The consumers' own view of whether they are working, exposed as a health check: a worker whose consumer
/// loop cannot reach its stream is not healthy even if the process is alive.
/// </summary>
public sealed class ConsumerHealth : IHealthCheck
{
    private readonly ConcurrentDictionary<string, string?> _problems = new();

    /// <summary>Registers a consumer as starting (unhealthy until it reports running).</summary>
    public void Starting(string consumer) => _problems[consumer] = "starting";

    public void Running(string consumer) => _problems[consumer] = null;

    public void Failing(string consumer, string problem) => _problems[consumer] = problem;

    public void Stopped(string consumer) => _problems.TryRemove(consumer, out _);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = _problems.Where(entry => entry.Value is not null).Select(entry => $"{entry.Key}: {entry.Value}").ToList();
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy($"{_problems.Count} consumer(s) running")
            : HealthCheckResult.Unhealthy(string.Join("; ", problems)));
    }
}
