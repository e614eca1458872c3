using GenQ.Contracts.Configuration;

namespace GenQ.AppHost.Configuration;

/// <summary>
/// Sets a service's configuration key (one of <see cref="ServiceSettingKeys"/>) as the environment variable .NET
/// configuration reads it from, so the AppHost never spells a section name of its own.
/// </summary>
public static class ServiceSettingExtensions
{
    public static IResourceBuilder<T> WithSetting<T>(this IResourceBuilder<T> resource, string key, string value)
        where T : IResourceWithEnvironment =>
        resource.WithEnvironment(ServiceSettingKeys.EnvironmentVariable(key), value);

    public static IResourceBuilder<T> WithSetting<T>(this IResourceBuilder<T> resource, string key, IResourceBuilder<ParameterResource> parameter)
        where T : IResourceWithEnvironment =>
        resource.WithEnvironment(ServiceSettingKeys.EnvironmentVariable(key), parameter);
}
