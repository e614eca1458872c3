namespace GenQ.Queue.IntegrationTests;

public sealed class RecoveryTests(RedisFixture fixture) : QueueTestBase(fixture)
{
    [Fact]
    public async Task MessageOfAConsumerThatDiedMidHandlingIsReclaimedAndHandledOnceByAnother()
    {
        var firstDeliveryStarted = new TaskCompletionSource();
        Log.Behaviour = async (_, context, token) =>
        {
            if (context.DeliveryAttempt == 1)
            {
                firstDeliveryStarted.TrySetResult();
                await Task.Delay(Timeout.Infinite, token); // the "crashed" consumer never finishes
            }
        };
        var doomed = await StartConsumerAsync("doomed");
        await Publisher.PublishAsync(new TestJob(7, "survives a crash"));
        await firstDeliveryStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // Crash: the connection goes away without an acknowledgement, a release or further heartbeats.
        await doomed.Connection.DisposeAsync();
        await StartConsumerAsync("survivor");

        await WaitUntilAsync(() => Log.CompletedTotal == 1, TimeSpan.FromSeconds(20), "the survivor handles the message");
        await WaitUntilAsync(async () => await PendingAsync() == 0, TimeSpan.FromSeconds(10), "the message is acknowledged");
        Assert.Equal(1, Log.Completed[7]);
        Assert.Equal("survivor", Assert.Single(Log.ByConsumer.Keys));
        Assert.Equal(2, Assert.Single(Log.Contexts).DeliveryAttempt);
    }

    [Fact]
    public async Task GracefulShutdownReleasesTheInFlightMessageForAnotherConsumerWithoutWaitingForTheTimeout()
    {
        var started = new TaskCompletionSource();
        Log.Behaviour = async (_, context, token) =>
        {
            if (context.DeliveryAttempt == 1)
            {
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, token); // longer than the shutdown grace period
            }
        };
        var stopping = await StartConsumerAsync("stopping", o => o.VisibilityTimeout = TimeSpan.FromMinutes(5));
        await Publisher.PublishAsync(new TestJob(1, "released"));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await stopping.StopAsync();
        await StartConsumerAsync("next", o => o.VisibilityTimeout = TimeSpan.FromMinutes(5));

        // With a 5-minute visibility timeout only an explicit release lets "next" have it this soon.
        await WaitUntilAsync(() => Log.CompletedTotal == 1, TimeSpan.FromSeconds(10), "the released message is handled");
        Assert.Equal("next", Assert.Single(Log.ByConsumer.Keys));
    }

    [Fact]
    public async Task PoisonMessageIsDeadLetteredAfterMaxDeliveriesWithItsError()
    {
        Log.Behaviour = (job, _, _) => throw new InvalidOperationException($"cannot digest {job.Payload}");
        await StartConsumerAsync("c1");
        await StartConsumerAsync("c2");
        var id = await Publisher.PublishAsync(new TestJob(13, "poison"));

        await WaitUntilAsync(async () => await Db.StreamLengthAsync(Keys.DeadLetter) == 1, TimeSpan.FromSeconds(20), "the message is dead-lettered");
        var dead = Assert.Single(await Db.StreamRangeAsync(Keys.DeadLetter));
        var fields = dead.Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString());
        Assert.Equal(id, fields["id"]);
        Assert.Contains("cannot digest poison", fields["error"]);
        Assert.Equal("3", fields["deliveries"]);
        Assert.Equal(3, Log.Attempts);
        Assert.Equal(0, Log.CompletedTotal);
        Assert.Equal(0, await PendingAsync());
    }

    [Fact]
    public async Task UnreadableMessageIsDeadLetteredAtOnce()
    {
        await Db.StreamAddAsync(Keys.Stream, [new("id", "broken-1"), new("type", TestJob.MessageType), new("v", 1), new("body", "{not json")]);
        await StartConsumerAsync("c1");

        await WaitUntilAsync(async () => await Db.StreamLengthAsync(Keys.DeadLetter) == 1, TimeSpan.FromSeconds(10), "the message is dead-lettered");
        var fields = Assert.Single(await Db.StreamRangeAsync(Keys.DeadLetter)).Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString());
        Assert.Contains("not a valid", fields["error"]);
        Assert.Equal("1", fields["deliveries"]);
        Assert.Equal(0, Log.Attempts);
    }
}
