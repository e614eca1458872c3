using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace GenQ.Queue.IntegrationTests;

public sealed class BacklogMetricsTests(RedisFixture fixture) : QueueTestBase(fixture)
{
    [Fact]
    public async Task LagGaugeFollowsTheStreamWhileAHandlerIsBusy()
    {
        var release = new TaskCompletionSource();
        Log.Behaviour = async (job, _, token) =>
        {
            if (job.Number == 0)
            {
                await release.Task.WaitAsync(token);
            }
        };
        var consumer = await StartConsumerAsync("busy", o => o.MetricsSampleInterval = TimeSpan.FromMilliseconds(100));
        using var gauges = new BacklogGauges(consumer.Services.GetRequiredService<IMeterFactory>());
        await Publisher.PublishAsync(new TestJob(0, "slow"));
        await WaitUntilAsync(() => Log.Attempts == 1, TimeSpan.FromSeconds(10), "the slow handler starts");

        // The only consumer is inside the slow handler, so these three are not delivered: lag 3, pending 1.
        for (var i = 1; i <= 3; i++)
        {
            await Publisher.PublishAsync(new TestJob(i, "waiting"));
        }
        await WaitUntilAsync(() => gauges.Read() == (1, 3), TimeSpan.FromSeconds(10),
            "the gauges show 1 pending and 3 undelivered while the handler still runs");
        Assert.Equal(0, Log.CompletedTotal);

        release.SetResult();
        await WaitUntilAsync(() => Log.CompletedTotal == 4, TimeSpan.FromSeconds(10), "all four are handled");
        await WaitUntilAsync(() => gauges.Read() == (0, 0), TimeSpan.FromSeconds(10), "the gauges drain to zero");
    }
}
