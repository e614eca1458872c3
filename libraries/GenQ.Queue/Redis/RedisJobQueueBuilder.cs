using GenQ.Contracts.Jobs;
using GenQ.Queue.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace GenQ.Queue.Redis;

/// <summary>Fluent registration of the handlers a service runs: one competing consumer per job type.</summary>
public sealed class RedisJobQueueBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    public RedisJobQueueBuilder AddHandler<TJob, THandler>()
        where TJob : IJob
        where THandler : class, IJobHandler<TJob>
    {
        Services.AddScoped<IJobHandler<TJob>, THandler>();
        Services.AddHostedService<RedisJobConsumer<TJob>>();
        return this;
    }
}
