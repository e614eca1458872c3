using GenQ.Queue.Redis;
using StackExchange.Redis;

namespace GenQ.Queue.IntegrationTests;

[Collection(RedisCollection.Name)]
public abstract class QueueTestBase(RedisFixture fixture) : IAsyncLifetime
{
    protected static readonly RedisQueueKeys Keys = new(TestJob.Queue);
    private readonly List<ConsumerHarness> _consumers = [];

    protected ConnectionMultiplexer Redis { get; private set; } = null!;
    protected RedisJobQueue Publisher { get; private set; } = null!;
    protected HandlerLog Log { get; } = new();
    protected IDatabase Db => Redis.GetDatabase();

    public async Task InitializeAsync()
    {
        Redis = await fixture.Server.ConnectAsync();
        await Redis.GetServer(Redis.GetEndPoints()[0]).FlushAllDatabasesAsync();
        Publisher = new RedisJobQueue(Redis, new JobSerializer(new TestJsonContext()), new QueueTelemetry(new TestMeterFactory()));
    }

    public async Task DisposeAsync()
    {
        foreach (var consumer in _consumers)
        {
            await consumer.DisposeAsync();
        }
        await Redis.DisposeAsync();
    }

    protected async Task<ConsumerHarness> StartConsumerAsync(string name, Action<JobQueueOptions>? configure = null)
    {
        var consumer = await ConsumerHarness.StartAsync(fixture.Server.ConnectionString, name, Log, configure);
        _consumers.Add(consumer);
        return consumer;
    }

    protected static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting until {what}.");
            }
            await Task.Delay(50);
        }
    }

    protected static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, what);

    protected async Task<long> PendingAsync() => (await Db.StreamPendingAsync(Keys.Stream, "testers")).PendingMessageCount;
}
