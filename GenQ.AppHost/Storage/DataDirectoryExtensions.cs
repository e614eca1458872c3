using GenQ.AppHost.Configuration;
using GenQ.Contracts.Configuration;
using Microsoft.Extensions.Configuration;

namespace GenQ.AppHost.Storage;

public static class DataDirectoryExtensions
{
    /// <summary>
    /// The folder for models and the embedded index: <c>GenQ:DataDirectory</c>, by default <c>.genq/data</c> in this
    /// checkout (so two checkouts do not share data and one keeps it across restarts).
    /// </summary>
    public static string GenQDataDirectory(this IDistributedApplicationBuilder builder)
    {
        var directory = Path.GetFullPath(builder.Configuration["GenQ:DataDirectory"]
            ?? Path.Combine(builder.AppHostDirectory, "..", ".genq", "data"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Points a service's model store and embedded vector index at <paramref name="dataDirectory"/>.</summary>
    public static IResourceBuilder<ProjectResource> WithDataDirectory(this IResourceBuilder<ProjectResource> project, string dataDirectory) =>
        project
            .WithSetting(ServiceSettingKeys.DataDirectory, dataDirectory)
            .WithSetting(ServiceSettingKeys.VectorStoreDataDirectory, Path.Combine(dataDirectory, "vector-index"));
}
