using GenQ.Contracts.Jobs;
using GenQ.Embeddings.Models;
using GenQ.Queue.Redis;
using GenQ.Runs;
using GenQ.Runs.Storage;
using GenQ.TrainerWorker.Indexing;
using GenQ.TrainerWorker.Training;
using GenQ.Training.Training;
using GenQ.VectorStore;

namespace GenQ.TrainerWorker.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RunStore>();
        builder.Services.AddSingleton<ModelRegistry>();
        builder.Services.AddOptions<StorageOptions>().BindConfiguration("Storage");
        builder.Services.AddOptions<TrainingOptions>().BindConfiguration("Training");
        builder.Services.AddOptions<TrainerWorkerOptions>().BindConfiguration(nameof(TrainerWorkerOptions));
        builder.Services.AddSingleton(new BaseModelProvider(builder.Configuration.GetSection("BaseModel").Get<BaseModelOptions>() ?? new()));
        builder.Services.AddSingleton(services => new TrainingMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        builder.Services.AddSingleton<IndexingMetrics>();
        builder.Services.AddSingleton<RunHybridTuner>();
        builder.AddVectorIndex();

        builder.AddRedisJobQueue("redis", consumerGroup: "trainer")
            .AddHandler<TrainingPairsJob, TrainingPairsHandler>()
            .AddHandler<TrainRunJob, TrainRunHandler>()
            .AddHandler<ModelPublishedJob, IndexModelHandler>();
    }
}
