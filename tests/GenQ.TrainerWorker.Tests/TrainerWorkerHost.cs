using GenQ.TrainerWorker.Extensions;
using GenQ.VectorStore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GenQ.TrainerWorker.Tests;

/// <summary>
/// One trainer worker process as far as its handlers go: the worker's own registrations and configuration keys, on a
/// real Redis and a data folder that several of these share (as a restarted trainer shares them with the dead one).
/// The host is built, not started: the tests call the handlers instead of the queue consumers.
/// </summary>
public sealed class TrainerWorkerHost : IAsyncDisposable
{
    private readonly IHost _host;

    public TrainerWorkerHost(string redis, string dataDirectory, string baseModel, TimeProvider? clock = null,
        Func<IVectorIndex, IVectorIndex>? wrapIndex = null, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = dataDirectory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis,
            ["Storage:DataDirectory"] = dataDirectory,
            ["VectorStoreOptions:DataDirectory"] = Path.Combine(dataDirectory, "vector-index"),
            ["BaseModel:ModelPath"] = baseModel,
            ["Logging:LogLevel:Default"] = "Warning",
            // The tiny model's sizes (TinyBert.FastOptions); checkpoints only where a test makes them (epoch ends, cancellation).
            ["Training:BatchSize"] = "8",
            ["Training:Epochs"] = "2",
            ["Training:LearningRate"] = "0.001",
            ["Training:MaxQueryLength"] = "16",
            ["Training:MaxPassageLength"] = "32",
            ["Training:TorchThreads"] = "2",
            ["Training:Precision"] = "Fp32",
            ["Training:CheckpointEverySteps"] = "0",
            ["Training:CheckpointEverySeconds"] = "0",
            ["TrainerWorkerOptions:IndexingBatchSize"] = "8",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.AddApplicationServices();
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }
        if (wrapIndex is not null)
        {
            var registered = builder.Services.Last(d => d.ServiceType == typeof(IVectorIndex));
            builder.Services.Remove(registered);
            builder.Services.AddSingleton(services => wrapIndex((IVectorIndex)registered.ImplementationFactory!(services)));
        }
        _host = builder.Build();
    }

    public IServiceProvider Services => _host.Services;

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Starts the worker's queue consumers, as the deployed worker runs them (most tests call handlers instead).</summary>
    public Task StartAsync() => _host.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await ((IAsyncDisposable)_host).DisposeAsync();
    }
}
