using GenQ.Contracts.Jobs;
using GenQ.Queue.Redis;
using GenQ.Runs;
using GenQ.TrainerWorker.Handlers;

namespace GenQ.TrainerWorker.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RunStore>();
        builder.AddRedisJobQueue("redis", consumerGroup: "trainer")
            .AddHandler<TrainingPairsJob, TrainingPairsHandler>();
    }
}
