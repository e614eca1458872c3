using GenQ.Queue.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace GenQ.Queue.Redis;

public static class RedisJobQueueExtensions
{
    /// <summary>
    /// Registers the Redis client for <paramref name="connectionName"/> (Aspire integration: health check, traces)
    /// and the work queue on top of it; <paramref name="consumerGroup"/> is this service's role.
    /// <paramref name="failFast"/> makes commands fail at once while Redis is unreachable instead of waiting in the
    /// client's backlog for up to the command timeout: right for a service answering requests, which should say
    /// "unavailable" now rather than hang; workers keep the backlog, which rides out a blip.
    /// </summary>
    public static RedisJobQueueBuilder AddRedisJobQueue(this IHostApplicationBuilder builder, string connectionName, string consumerGroup, bool failFast = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumerGroup);
        return builder.AddRedisJobQueueCore(connectionName, consumerGroup, failFast);
    }

    /// <summary>
    /// The same for a service that only publishes (the search API): it runs no consumers, so it joins no consumer group;
    /// adding a handler to the returned builder would consume as group "default".
    /// </summary>
    public static RedisJobQueueBuilder AddRedisJobPublisher(this IHostApplicationBuilder builder, string connectionName, bool failFast = false) =>
        builder.AddRedisJobQueueCore(connectionName, consumerGroup: null, failFast);

    private static RedisJobQueueBuilder AddRedisJobQueueCore(this IHostApplicationBuilder builder, string connectionName, string? consumerGroup, bool failFast)
    {
        builder.AddRedisClient(connectionName, configureOptions: options =>
        {
            // A service started while Redis is away keeps trying rather than failing its start.
            options.AbortOnConnectFail = false;
            if (failFast)
            {
                options.BacklogPolicy = BacklogPolicy.FailFast;
            }
        });
        var queueOptions = builder.Services.AddOptions<JobQueueOptions>();
        if (consumerGroup is not null)
        {
            queueOptions.Configure(options => options.ConsumerGroup = consumerGroup);
        }
        queueOptions.BindConfiguration(JobQueueOptions.SectionName).ValidateOnStart();
        builder.Services.AddHealthChecks().AddCheck<ConsumerHealth>("queue-consumers");
        return builder.Services.AddJobQueueCore();
    }

    /// <summary>The queue services without the Aspire client registration (the caller supplies IConnectionMultiplexer).</summary>
    public static RedisJobQueueBuilder AddJobQueueCore(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(new JobSerializer());
        services.TryAddSingleton<QueueTelemetry>();
        services.TryAddSingleton<ConsumerHealth>();
        services.TryAddSingleton<IJobQueue, RedisJobQueue>();
        return new RedisJobQueueBuilder(services);
    }
}
