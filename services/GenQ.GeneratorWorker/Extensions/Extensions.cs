using GenQ.Contracts.Jobs;
using GenQ.GeneratorWorker.Handlers;
using GenQ.Generation;
using GenQ.Queue.Redis;

namespace GenQ.GeneratorWorker.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GenerationOptions.SectionName).Get<GenerationOptions>() ?? new GenerationOptions();
        // One generator per process: the T5 sessions are expensive to load and safe to reuse across messages.
        builder.Services.AddSingleton(services => QueryGeneratorFactory.Create(options, services.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton<GeneratorMetrics>();
        builder.AddRedisJobQueue("redis", consumerGroup: "generator")
            .AddHandler<GeneratePassagesJob, GeneratePassagesHandler>();
    }
}
