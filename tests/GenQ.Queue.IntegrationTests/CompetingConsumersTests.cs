namespace GenQ.Queue.IntegrationTests;

public sealed class CompetingConsumersTests(RedisFixture fixture) : QueueTestBase(fixture)
{
    [Fact]
    public async Task ThousandMessagesReachThreeConsumersWithNoneLostAndNoneHandledTwice()
    {
        const int count = 1000;
        // Publish half before the consumers exist: a group created later must still receive them.
        for (var i = 0; i < count / 2; i++)
        {
            await Publisher.PublishAsync(new TestJob(i, $"payload {i}"));
        }
        await StartConsumerAsync("c1");
        await StartConsumerAsync("c2");
        await StartConsumerAsync("c3");
        for (var i = count / 2; i < count; i++)
        {
            await Publisher.PublishAsync(new TestJob(i, $"payload {i}"));
        }

        await WaitUntilAsync(() => Log.CompletedTotal >= count, TimeSpan.FromSeconds(60), "all messages are handled");
        await WaitUntilAsync(async () => await PendingAsync() == 0, TimeSpan.FromSeconds(10), "every message is acknowledged");
        await Task.Delay(300); // give a duplicate delivery, were there one, the chance to show up

        Assert.Equal(Enumerable.Range(0, count), Log.Completed.Keys.Order());
        Assert.All(Log.Completed, entry => Assert.Equal(1, entry.Value));
        Assert.Equal(3, Log.ByConsumer.Count);
        Assert.Equal(count, Log.ByConsumer.Values.Sum());
        Assert.Equal(0, await Db.StreamLengthAsync(Keys.DeadLetter));
    }
}
