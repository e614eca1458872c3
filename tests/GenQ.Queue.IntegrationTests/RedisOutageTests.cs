using GenQ.Queue.Redis;
using GenQ.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GenQ.Queue.IntegrationTests;

/// <summary>A redis-server of its own, killed and started again on the same port while a consumer runs.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private RedisServer _server = null!;

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ConsumerReportsTheOutageWithItsReasonAndRecoversWhenRedisComesBack()
    {
        var log = new HandlerLog();
        await using var consumer = await ConsumerHarness.StartAsync(_server.ConnectionString, "survivor", log, o =>
        {
            o.UnhealthyAfter = TimeSpan.FromSeconds(2);
            o.ReconnectMaxDelay = TimeSpan.FromSeconds(1);
        });
        await using var redis = await _server.ConnectAsync();
        var publisher = new RedisJobQueue(redis, new JobSerializer(new TestJsonContext()), new QueueTelemetry(new TestMeterFactory()));
        await publisher.PublishAsync(new TestJob(1, "before the outage"));
        await WaitUntilAsync(() => log.Completed.ContainsKey(1), TimeSpan.FromSeconds(10), "the first message is handled");
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(consumer)).Status);

        await _server.StopAsync();
        var degraded = await WaitForHealthAsync(consumer, HealthStatus.Degraded, TimeSpan.FromSeconds(10));
        Assert.Contains("survivor: cannot read genq:test:stream", degraded.Description);
        // Failing longer than UnhealthyAfter (2 s) turns Degraded into Unhealthy, with the same reason.
        var unhealthy = await WaitForHealthAsync(consumer, HealthStatus.Unhealthy, TimeSpan.FromSeconds(10));
        Assert.Contains("cannot read genq:test:stream", unhealthy.Description);

        await _server.RestartAsync();
        await WaitForHealthAsync(consumer, HealthStatus.Healthy, TimeSpan.FromSeconds(30));
        // The restarted server is empty (no persistence): the consumer recreated its group to read at all.
        await WaitUntilAsync(() => redis.IsConnected, TimeSpan.FromSeconds(30), "the publisher reconnects");
        await publisher.PublishAsync(new TestJob(2, "after the restart"));
        await WaitUntilAsync(() => log.Completed.ContainsKey(2), TimeSpan.FromSeconds(20), "the message published after the restart is handled");
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(consumer)).Status);
    }

    private static Task<HealthCheckResult> CheckAsync(ConsumerHarness consumer) =>
        consumer.Health.CheckHealthAsync(new HealthCheckContext());

    private static async Task<HealthCheckResult> WaitForHealthAsync(ConsumerHarness consumer, HealthStatus status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var result = await CheckAsync(consumer);
            if (result.Status == status)
            {
                return result;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Health stayed {result.Status} ({result.Description}) for {timeout}, expected {status}.");
            }
            await Task.Delay(50);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting until {what}.");
            }
            await Task.Delay(50);
        }
    }
}
