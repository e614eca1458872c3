using GenQ.Contracts.Models;
using GenQ.ModelStore.Cache;
using GenQ.ModelStore.Local;
using GenQ.ModelStore.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GenQ.ModelStore;

public static class ModelStoreExtensions
{
    /// <summary>
    /// Registers <see cref="StorageOptions"/>, <see cref="ModelStoreOptions"/> and the <see cref="IModelStore"/> they
    /// choose (<c>ModelStore:Kind</c>). Needs the registry's <c>IConnectionMultiplexer</c> (the Redis client the
    /// service already has) and <c>ModelRegistry</c>. What the host serves (<see cref="IModelsInUse"/>) defaults to nothing;
    /// a host with an index gets GenQ.VectorStore's <c>IndexModelsInUse</c> from <c>AddVectorIndex</c>, in either order.
    /// </summary>
    public static IHostApplicationBuilder AddModelStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        builder.Services.AddOptions<ModelStoreOptions>().BindConfiguration(ModelStoreOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ModelStoreOptions>, ModelStoreOptionsValidator>();
        builder.Services.TryAddSingleton<IModelsInUse, NoModelsInUse>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IModelStore>(services =>
        {
            var options = services.GetRequiredService<IOptions<ModelStoreOptions>>().Value;
            if (options.Kind == ModelStoreKind.Local)
            {
                return ActivatorUtilities.CreateInstance<LocalModelStore>(services);
            }
            // Each service's own copies live in its own data folder, where the Local layout would have them.
            var cache = new ModelCache(Path.Combine(services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory, "models"));
            return new RedisModelStore(services.GetRequiredService<IConnectionMultiplexer>(), cache, options,
                services.GetRequiredService<IModelsInUse>(), services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILogger<RedisModelStore>>());
        });
        return builder;
    }
}
