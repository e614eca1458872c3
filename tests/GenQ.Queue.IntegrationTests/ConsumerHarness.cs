using GenQ.Queue.Abstractions;
using GenQ.Queue.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GenQ.Queue.IntegrationTests;

/// <summary>
/// One consumer "process": its own Redis connection, its own service provider and a real
/// <see cref="RedisJobConsumer{TJob}"/>. Disposing the connection without stopping simulates a crash.
/// </summary>
public sealed class ConsumerHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ConsumerHarness(ServiceProvider services, ConnectionMultiplexer connection, RedisJobConsumer<TestJob> consumer)
    {
        _services = services;
        Connection = connection;
        Consumer = consumer;
    }

    public ConnectionMultiplexer Connection { get; }
    public RedisJobConsumer<TestJob> Consumer { get; }
    public IServiceProvider Services => _services;
    public ConsumerHealth Health => _services.GetRequiredService<ConsumerHealth>();

    public static async Task<ConsumerHarness> StartAsync(string connectionString, string name, HandlerLog log, Action<JobQueueOptions>? configure = null)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
        var options = QueueTestOptions.Fast(name);
        configure?.Invoke(options);
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConnectionMultiplexer>(connection)
            .AddSingleton(new JobSerializer(new TestJsonContext()))
            .AddSingleton(log)
            .AddSingleton(new ConsumerIdentity(name))
            .AddSingleton(Options.Create(options));
        services.AddJobQueueCore();
        services.AddScoped<IJobHandler<TestJob>, RecordingHandler>();
        var provider = services.BuildServiceProvider();
        var consumer = ActivatorUtilities.CreateInstance<RedisJobConsumer<TestJob>>(provider);
        await consumer.StartAsync(CancellationToken.None);
        return new ConsumerHarness(provider, connection, consumer);
    }

    public async Task StopAsync() => await Consumer.StopAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Consumer.Dispose();
        await _services.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
