using GenQ.Contracts.Models;
using GenQ.VectorStore.Embedded;
using GenQ.VectorStore.Model;
using GenQ.VectorStore.Qdrant;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GenQ.VectorStore;

/// <summary>Registers <see cref="IVectorIndex"/>: Qdrant when an endpoint is configured, otherwise the embedded index.</summary>
public static class VectorStoreExtensions
{
    /// <summary>Name of the connection string that selects Qdrant (as the AppHost's Qdrant resource would provide it).</summary>
    public const string DefaultConnectionName = "qdrant";

    /// <summary>
    /// Binds <see cref="VectorStoreOptions"/> from the section "VectorStoreOptions", picks the backend and registers
    /// <see cref="IVectorIndex"/> as a singleton. The choice and its reason are logged when the index is first resolved
    /// and exposed as <see cref="IVectorIndex.Backend"/>. Also registers <see cref="IndexModelsInUse"/> as the host's
    /// <see cref="IModelsInUse"/>: a host with an index serves its live and previous versions.
    /// </summary>
    public static IHostApplicationBuilder AddVectorIndex(this IHostApplicationBuilder builder, string connectionName = DefaultConnectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddVectorIndex(builder.Configuration, builder.Environment.ContentRootPath, connectionName);
        return builder;
    }

    /// <inheritdoc cref="AddVectorIndex(IHostApplicationBuilder, string)"/>
    /// <param name="services">Service collection.</param>
    /// <param name="configuration">Configuration holding the options section and connection strings.</param>
    /// <param name="contentRoot">Base directory for a relative data directory.</param>
    /// <param name="connectionName">Connection string name that selects Qdrant.</param>
    public static IServiceCollection AddVectorIndex(this IServiceCollection services, IConfiguration configuration, string contentRoot,
        string connectionName = DefaultConnectionName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<VectorStoreOptions>().Bind(configuration.GetSection(VectorStoreOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VectorStoreOptions>, VectorStoreOptionsValidator>());
        // Replace, not TryAdd: the model store registers a keep-nothing default (for hosts without an index), and hosts
        // call AddModelStore before or after this; either way what the index serves must win.
        services.Replace(ServiceDescriptor.Singleton<IModelsInUse, IndexModelsInUse>());
        services.TryAddSingleton<IVectorIndex>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<VectorStoreOptions>>().Value;
            var loggerFactory = sp.GetRequiredService<ILoggerFactory>();
            var selection = VectorIndexSelection.Choose(options, configuration.GetConnectionString(connectionName), connectionName, contentRoot);
            IVectorIndex index = selection.Kind == VectorIndexBackendKind.Qdrant
                ? QdrantVectorIndex.Connect(selection.Qdrant!, options, loggerFactory, selection.Reason)
                : new EmbeddedVectorIndex(CopyWithDirectory(options, selection.DataDirectory!), loggerFactory.CreateLogger<EmbeddedVectorIndex>(), selection.Reason);
            VectorStoreLog.BackendSelected(loggerFactory.CreateLogger(typeof(IVectorIndex).FullName!), index.Backend.Kind, index.Backend.Location, index.Backend.Reason);
            return index;
        });
        return services;
    }

    // Every setting travels: only the directory is replaced by the resolved one.
    private static VectorStoreOptions CopyWithDirectory(VectorStoreOptions options, string directory) => new()
    {
        DataDirectory = directory,
        QdrantEndpoint = options.QdrantEndpoint,
        QdrantApiKey = options.QdrantApiKey,
        QdrantCollectionPrefix = options.QdrantCollectionPrefix,
        Quantization = options.Quantization,
        RescoreOversampling = options.RescoreOversampling,
        SplitLoneSearches = options.SplitLoneSearches,
        Hnsw = options.Hnsw,
        UpsertBatchSize = options.UpsertBatchSize,
        LexicalAnalyzer = options.LexicalAnalyzer,
        Bm25K1 = options.Bm25K1,
        Bm25B = options.Bm25B,
        LexicalAverageDocumentLength = options.LexicalAverageDocumentLength,
    };
}
