using System.Diagnostics;
using GenQ.Queue.Redis;

namespace GenQ.Queue.IntegrationTests;

public sealed class IdempotencyAndTracingTests(RedisFixture fixture) : QueueTestBase(fixture)
{
    [Fact]
    public async Task RedeliveryOfAnAlreadyHandledIdIsAcknowledgedWithoutHandlingAgain()
    {
        await StartConsumerAsync("c1");
        await Publisher.PublishAsync(new TestJob(1, "first"), messageId: "run-1:batch-0");
        await WaitUntilAsync(() => Log.CompletedTotal == 1, TimeSpan.FromSeconds(10), "the first copy is handled");

        await Publisher.PublishAsync(new TestJob(1, "duplicate"), messageId: "run-1:batch-0");
        await Publisher.PublishAsync(new TestJob(2, "other"), messageId: "run-1:batch-1");
        await WaitUntilAsync(() => Log.Completed.ContainsKey(2), TimeSpan.FromSeconds(10), "the later message is handled");
        await WaitUntilAsync(async () => await PendingAsync() == 0, TimeSpan.FromSeconds(10), "all three entries are acknowledged");

        Assert.Equal(1, Log.Completed[1]);
        Assert.Equal(2, Log.Attempts);
        Assert.Equal(3, await Db.StreamLengthAsync(Keys.Stream));
    }

    [Fact]
    public async Task TraceContextTravelsFromPublisherToHandler()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is QueueTelemetry.ActivitySourceName or "test",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("test");
        await StartConsumerAsync("c1");

        ActivityTraceId traceId;
        using (var root = source.StartActivity("upload"))
        {
            traceId = root!.TraceId;
            await Publisher.PublishAsync(new TestJob(5, "traced"));
        }

        await WaitUntilAsync(() => Log.CompletedTotal == 1, TimeSpan.FromSeconds(10), "the message is handled");
        Assert.Equal(traceId, Assert.Single(Log.TraceIds));
    }
}
