using GenQ.AppHost.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace GenQ.AppHost.VectorIndex;

public static class VectorIndexResourceExtensions
{
    /// <summary>
    /// Adds a Qdrant container when a container engine answers (configuration <c>GenQ:VectorIndex:Mode</c> = auto |
    /// qdrant | embedded). Returns null for the embedded index, which needs no resource: the services then keep the
    /// index in the shared data folder, and their logs say which backend runs and why.
    /// </summary>
    public static IResourceBuilder<QdrantServerResource>? AddGenQQdrant(this IDistributedApplicationBuilder builder, string name)
    {
        var mode = builder.Configuration["GenQ:VectorIndex:Mode"]?.ToLowerInvariant() ?? "auto";
        var useQdrant = mode switch
        {
            "qdrant" => true,
            "embedded" => false,
            _ => ContainerRuntime.IsAvailable(),
        };
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole());
        var logger = loggerFactory.CreateLogger("GenQ.AppHost");
        if (!useQdrant)
        {
            logger.LogInformation("Vector index: embedded in the data folder (mode {Mode}; no Qdrant container)", mode);
            return null;
        }
        logger.LogInformation("Vector index: Qdrant container (mode {Mode})", mode);
        return builder.AddResource(new QdrantServerResource(name))
            .WithImage("qdrant/qdrant", "v1.15.4")
            .WithImageRegistry("docker.io")
            .WithHttpEndpoint(targetPort: 6333, name: QdrantServerResource.HttpEndpointName)
            .WithEndpoint(targetPort: 6334, name: QdrantServerResource.GrpcEndpointName, scheme: "http")
            .WithVolume("genq-qdrant-data", "/qdrant/storage")
            .WithHttpHealthCheck("/readyz", endpointName: QdrantServerResource.HttpEndpointName);
    }

    /// <summary>References Qdrant (and waits for it) when it runs; otherwise leaves the service on the embedded index.</summary>
    public static IResourceBuilder<ProjectResource> WithVectorIndex(this IResourceBuilder<ProjectResource> project,
        IResourceBuilder<QdrantServerResource>? qdrant) =>
        qdrant is null ? project : project.WithReference(qdrant).WaitFor(qdrant);
}
