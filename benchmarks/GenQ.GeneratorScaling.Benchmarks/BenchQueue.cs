using GenQ.Contracts.Jobs;
using GenQ.Queue.Abstractions;
using GenQ.Queue.Redis;
using GenQ.Runs;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace GenQ.GeneratorScaling.Benchmarks;

/// <summary>
/// The bench's side of the real queue: creates a run (so the workers' RunStore.CheckCurrentAsync accepts its batches),
/// publishes its GeneratePassagesJob batches through the services' own IJobQueue, and watches the training-pairs stream
/// the workers publish to. No trainer consumes that stream here, so its entries stay and can be counted.
/// </summary>
internal sealed class BenchQueue(IConnectionMultiplexer redis) : IAsyncDisposable
{
    private const string Corpus = "generator-scaling-bench";
    private static readonly RedisQueueKeys Pairs = new(QueueNames.TrainingPairs);
    private static readonly RedisQueueKeys Generate = new(QueueNames.Generate);

    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSingleton(redis)
        .AddJobQueueCore().Services
        .BuildServiceProvider();

    private readonly RunStore _runs = new(redis, TimeProvider.System);

    /// <summary>Empties Redis between measurements (no worker is running then), so nothing carries over.</summary>
    public async Task ResetAsync()
    {
        foreach (var endpoint in redis.GetEndPoints())
        {
            await redis.GetServer(endpoint).FlushAllDatabasesAsync();
        }
    }

    /// <summary>Creates a current run for the bench corpus and publishes its passages in batches; returns the batch count.</summary>
    public async Task<int> PublishRunAsync(IReadOnlyList<PassageRecord> passages, int batchSize)
    {
        var batches = passages.Chunk(batchSize).ToList();
        var run = await _runs.CreateRunAsync(Corpus, passages, batches.Count);
        var queue = _services.GetRequiredService<IJobQueue>();
        for (var i = 0; i < batches.Count; i++)
        {
            await queue.PublishAsync(new GeneratePassagesJob(run.RunId, Corpus, i, batches.Count, batches[i]));
        }

        return batches.Count;
    }

    /// <summary>Training-pairs messages published so far (one per generated batch).</summary>
    public async Task<long> PairsMessagesAsync() => await redis.GetDatabase().StreamLengthAsync(Pairs.Stream);

    /// <summary>
    /// When Redis appended the newest training-pairs message: the millisecond part of its stream entry id. This is when the
    /// last batch was done, independent of how often the bench polls.
    /// </summary>
    public async Task<DateTimeOffset> LastPairsPublishedAtAsync()
    {
        var last = await redis.GetDatabase().StreamRangeAsync(Pairs.Stream, "-", "+", count: 1, messageOrder: Order.Descending);
        var id = last.Single().Id.ToString();
        return DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(id[..id.IndexOf('-')]));
    }

    /// <summary>Batches that exhausted their deliveries: a worker failing, which must stop the bench rather than stall it.</summary>
    public async Task<long> DeadLettersAsync() => await redis.GetDatabase().StreamLengthAsync(Generate.DeadLetter);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
