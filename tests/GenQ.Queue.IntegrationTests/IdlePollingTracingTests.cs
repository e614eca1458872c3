using System.Collections.Concurrent;
using System.Diagnostics;
using GenQ.Queue.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace GenQ.Queue.IntegrationTests;

/// <summary>
/// A consumer registered the way the services register it (Aspire's Redis client with its tracing on), idle:
/// its polling must not create activities, or the dashboard's traces drown in XAUTOCLAIM and XINFO.
/// </summary>
public sealed class IdlePollingTracingTests(RedisFixture fixture) : QueueTestBase(fixture)
{
    private readonly RedisFixture _fixture = fixture;

    [Fact]
    public async Task IdlePollingCreatesNoActivity()
    {
        var seen = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => seen.Enqueue(activity.DisplayName),
        };
        ActivitySource.AddActivityListener(listener);

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = _fixture.Server.ConnectionString,
            ["JobQueueOptions:ConsumerName"] = "idle",
            ["JobQueueOptions:ClaimInterval"] = "00:00:00.1",
            ["JobQueueOptions:BlockTimeout"] = "00:00:00.1",
            ["JobQueueOptions:MetricsSampleInterval"] = "00:00:00.1",
        });
        builder.Services.AddSingleton(new JobSerializer(new TestJsonContext()));
        builder.Services.AddSingleton(Log);
        builder.Services.AddSingleton(new ConsumerIdentity("idle"));
        builder.AddRedisJobQueue("redis", "testers").AddHandler<TestJob, RecordingHandler>();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var server = Redis.GetServer(Redis.GetEndPoints()[0]);
            // Enough idle rounds that any traced polling would have produced activities: each stat counts calls.
            await WaitUntilAsync(async () => await CallsAsync(server, "xautoclaim") >= 10 && await CallsAsync(server, "xinfo|groups") >= 10
                    && await CallsAsync(server, "xreadgroup") >= 10,
                TimeSpan.FromSeconds(20), "the consumer has polled at least ten times");

            // Control: a command on the traced connection with no parent does become an activity once the
            // instrumentation flushes, so what it flushed by then includes every earlier idle command.
            using (SuppressAmbientActivity())
            {
                await host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().StringSetAsync("genq:test:marker", 1);
            }
            await WaitUntilAsync(() => seen.Contains("SET"), TimeSpan.FromSeconds(30), "the traced control command shows up");

            Assert.DoesNotContain(seen, name => name.StartsWith("XAUTOCLAIM", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("XINFO", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("XREADGROUP", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("XGROUP", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<long> CallsAsync(IServer server, string command)
    {
        var stats = await server.InfoAsync("commandstats");
        var line = stats.SelectMany(group => group).FirstOrDefault(entry => entry.Key == $"cmdstat_{command}");
        if (line.Value is null)
        {
            return 0;
        }
        // "calls=12,usec=345,..."
        var calls = line.Value.Split(',')[0];
        return long.Parse(calls["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ActivityScope SuppressAmbientActivity() => new(Activity.Current);

    private sealed class ActivityScope : IDisposable
    {
        private readonly Activity? _previous;

        public ActivityScope(Activity? previous)
        {
            _previous = previous;
            Activity.Current = null;
        }

        public void Dispose() => Activity.Current = _previous;
    }
}
