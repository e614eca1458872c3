using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace GenQ.AppHost.Redis;

/// <summary>Healthy once the redis-server process answers PING (what WaitFor(redis) waits on).</summary>
internal sealed class RedisPingHealthCheck(string connectionString) : IHealthCheck, IDisposable
{
    private ConnectionMultiplexer? _connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _connection ??= await ConnectionMultiplexer.ConnectAsync($"{connectionString},abortConnect=false,connectTimeout=1000");
            var latency = await _connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("redis-server does not answer PING", ex);
        }
    }

    public void Dispose() => _connection?.Dispose();
}
