using GenQ.Benchmarking;
using GenQ.Contracts.Jobs;
using GenQ.Testing;

namespace GenQ.GeneratorScaling.Benchmarks;

/// <summary>
/// Runs every configuration once per round (order rotated each round), each with fresh worker processes on an emptied
/// Redis, and returns the samples. Every process it starts is stopped before it returns, failure included.
/// </summary>
internal sealed class ScalingBench(ScalingOptions options, string workerDll, string modelFolder, TextWriter log, CancellationToken cancellation)
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan WarmUpTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<IReadOnlyList<ScalingSample>> RunAsync(IReadOnlyList<PassageRecord> passages)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var connection = await redis.ConnectAsync();
        await using var queue = new BenchQueue(connection);
        var configs = options.Configurations;
        var samples = new List<ScalingSample>();
        for (var round = 0; round < options.Rounds; round++)
        {
            var offset = round % configs.Count;
            foreach (var config in configs.Skip(offset).Concat(configs.Take(offset)))
            {
                var sample = await MeasureAsync(queue, redis.ConnectionString, config, round, passages);
                log.WriteLine($"round {round + 1}/{options.Rounds} {config.Name}: {sample.Passages} passages in {sample.Seconds:F1} s = " +
                    $"{sample.PassagesPerSecond:F3} passages/s; CPU s per replica {string.Join(" + ", sample.CpuSeconds.Select(c => c.ToString("F1")))}; " +
                    $"batches per replica {string.Join(" + ", sample.Batches)}; load {sample.Load}");
                samples.Add(sample);
            }
        }

        return samples;
    }

    private async Task<ScalingSample> MeasureAsync(BenchQueue queue, string redisConnectionString, ScalingConfiguration config, int round, IReadOnlyList<PassageRecord> passages)
    {
        await queue.ResetAsync();
        var settings = new WorkerSettings(redisConnectionString, modelFolder, config.Threads, options.NewTokens, options.BatchSize, options.QueriesPerPassage, options.Provider);
        var workers = new List<WorkerProcess>();
        try
        {
            for (var i = 0; i < config.Replicas; i++)
            {
                workers.Add(WorkerProcess.Start(workerDll, $"bench-r{round}-{config.Replicas}x{config.Threads}-w{i}", settings));
            }

            var healthyBy = DateTime.UtcNow + StartupTimeout;
            await Task.WhenAll(workers.Select(w => w.WaitHealthyAsync(_http, healthyBy, cancellation)));
            await WarmUpAsync(queue, workers, passages);

            var cpuBefore = workers.Select(w => w.CpuTime).ToList();
            var batchesBefore = workers.Select(w => w.Batches).ToList();
            var expected = await queue.PairsMessagesAsync();
            var started = DateTimeOffset.UtcNow;
            var batches = await queue.PublishRunAsync(passages, options.BatchSize);
            await WaitForPairsAsync(queue, workers, expected + batches, DateTime.UtcNow + options.MeasurementTimeout);
            var finished = await queue.LastPairsPublishedAtAsync();
            await WaitForLogLinesAsync(workers, batchesBefore.Sum() + batches);

            return new ScalingSample(config, round, passages.Count, (finished - started).TotalSeconds,
                workers.Select((w, i) => (w.CpuTime - cpuBefore[i]).TotalSeconds).ToList(),
                workers.Select((w, i) => w.Batches - batchesBefore[i]).ToList(),
                BenchMachine.LoadAverage().Split(' ')[0]);
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Until every replica has generated one full-size batch: loads its model and runs ONNX Runtime once at the measured
    /// batch shape, so no measured batch pays for it (a first run with 2 passages was not enough: in a trial, each
    /// replica's first 8-passage batch still cost extra, which hid in 1 replica's 4 batches but not in 2 replicas' 2 each).
    /// One batch per replica is published at once; a blocked XREADGROUP per idle replica takes one each, but if one
    /// replica took two, another round goes out.
    /// </summary>
    private async Task WarmUpAsync(BenchQueue queue, IReadOnlyList<WorkerProcess> workers, IReadOnlyList<PassageRecord> passages)
    {
        var deadline = DateTime.UtcNow + WarmUpTimeout;
        var warm = passages.Take(Math.Min(options.BatchSize, passages.Count)).ToList();
        while (workers.Any(w => w.Batches == 0))
        {
            var expected = await queue.PairsMessagesAsync();
            var logged = workers.Sum(w => w.Batches);
            var batches = await queue.PublishRunAsync(Enumerable.Repeat(warm, workers.Count).SelectMany(p => p).ToList(), warm.Count);
            await WaitForPairsAsync(queue, workers, expected + batches, deadline);
            await WaitForLogLinesAsync(workers, logged + batches);
        }
    }

    /// <summary>A worker logs a batch just after publishing its pairs: wait for the lines, so per-replica counts are complete.</summary>
    private async Task WaitForLogLinesAsync(IReadOnlyList<WorkerProcess> workers, int total)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (workers.Sum(w => w.Batches) < total)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The workers logged {workers.Sum(w => w.Batches)} of {total} batches. Last log lines of {workers[0].Name}:\n{workers[0].LastLines()}");
            }

            await Task.Delay(PollInterval, cancellation);
        }
    }

    private async Task WaitForPairsAsync(BenchQueue queue, IReadOnlyList<WorkerProcess> workers, long expected, DateTime deadline)
    {
        while (await queue.PairsMessagesAsync() < expected)
        {
            workers.ToList().ForEach(w => w.ThrowIfExited());
            if (await queue.DeadLettersAsync() > 0)
            {
                throw new InvalidOperationException($"A batch was dead-lettered. Last log lines of {workers[0].Name}:\n{workers[0].LastLines()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {await queue.PairsMessagesAsync()} of {expected} training-pairs messages in time. Last log lines of {workers[0].Name}:\n{workers[0].LastLines()}");
            }

            await Task.Delay(PollInterval, cancellation);
        }
    }
}
