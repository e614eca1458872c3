using GenQ.Adaptation.Mining;
using GenQ.Adaptation.Promotion;
using GenQ.Adaptation.Teachers;
using GenQ.Adaptation.TrainingData;
using GenQ.Contracts.Jobs;
using GenQ.Embeddings.Models;
using GenQ.ModelStore;
using GenQ.Queue.Redis;
using GenQ.Runs;
using GenQ.Runs.Leases;
using GenQ.TrainerWorker.Indexing;
using GenQ.TrainerWorker.Training;
using GenQ.Training;
using GenQ.VectorStore;
using Microsoft.Extensions.Options;

namespace GenQ.TrainerWorker.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RunStore>();
        builder.Services.AddSingleton<ModelRegistry>();
        // The trainer's heartbeat on the run it trains or indexes (RunLease:HeartbeatInterval, RunLease:Timeout).
        builder.Services.AddOptions<RunLeaseOptions>().BindConfiguration(RunLeaseOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RunLeaseOptions>, RunLeaseOptionsValidator>();
        builder.Services.AddSingleton(services => new RunLeases(services.GetRequiredService<RunStore>(),
            services.GetRequiredService<IOptions<RunLeaseOptions>>().Value, services.GetRequiredService<TimeProvider>()));
        // Where versions are trained into and how the search API gets them (ModelStore:Kind); retention spares what the
        // index serves (AddVectorIndex below registers that as the IModelsInUse).
        builder.AddModelStore();
        builder.Services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.SectionName).ValidateOnStart();
        builder.Services.AddOptions<TrainerWorkerOptions>().BindConfiguration(TrainerWorkerOptions.SectionName).ValidateOnStart();
        builder.Services.AddOptions<TrainingDataOptions>().BindConfiguration(TrainingDataOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TrainingDataOptions>, TrainingDataOptionsValidator>();
        builder.Services.AddOptions<HardNegativeOptions>().BindConfiguration(HardNegativeOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HardNegativeOptions>, HardNegativeOptionsValidator>();
        builder.Services.AddOptions<TeacherOptions>().BindConfiguration(TeacherOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TeacherOptions>, TeacherOptionsValidator>();
        builder.Services.AddSingleton<RunTrainingData>();
        builder.Services.AddOptions<PromotionGateOptions>().BindConfiguration(PromotionGateOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PromotionGateOptions>, PromotionGateOptionsValidator>();
        builder.Services.AddOptions<BaseModelOptions>().BindConfiguration(BaseModelOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton(services => new BaseModelProvider(services.GetRequiredService<IOptions<BaseModelOptions>>().Value));
        builder.Services.AddSingleton(services => new TrainingMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        builder.Services.AddSingleton<IndexingMetrics>();
        builder.Services.AddSingleton<RunHybridTuner>();
        builder.Services.AddSingleton<RunPromotionGate>();
        builder.AddVectorIndex();

        builder.AddRedisJobQueue("redis", consumerGroup: "trainer")
            .AddHandler<TrainingPairsJob, TrainingPairsHandler>()
            .AddHandler<TrainRunJob, TrainRunHandler>()
            .AddHandler<IndexModelJob, IndexModelHandler>()
            .AddHandler<AppendPassagesJob, AppendIndexHandler>();
    }
}
