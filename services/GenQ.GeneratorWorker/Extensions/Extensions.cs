using GenQ.Contracts.Jobs;
using GenQ.GeneratorWorker.Handlers;
using GenQ.Generation;
using GenQ.Queue.Redis;
using GenQ.Runs;
using Microsoft.Extensions.Options;

namespace GenQ.GeneratorWorker.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GenerationOptions>().BindConfiguration(GenerationOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GenerationOptions>, GenerationOptionsValidator>();
        // One generator per process: the T5 sessions are expensive to load and safe to reuse across messages.
        builder.Services.AddSingleton(services => QueryGeneratorFactory.Create(
            services.GetRequiredService<IOptions<GenerationOptions>>().Value, services.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton<GeneratorMetrics>();
        // Only to skip batches of cancelled runs (RunStore.CheckCurrentAsync); the trainer owns the run state.
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RunStore>();
        builder.AddRedisJobQueue("redis", consumerGroup: "generator")
            .AddHandler<GeneratePassagesJob, GeneratePassagesHandler>();
    }
}
