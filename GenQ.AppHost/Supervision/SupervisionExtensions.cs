using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GenQ.AppHost.Supervision;

public static class SupervisionExtensions
{
    /// <summary>Restarts resources whose processes exit unexpectedly (settings: <c>GenQ:Restart</c>).</summary>
    public static IDistributedApplicationBuilder AddCrashRestarts(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddOptions<RestartPolicyOptions>().BindConfiguration(RestartPolicyOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<CrashRestarter>();
        return builder;
    }
}
