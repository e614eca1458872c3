using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.Security;

public static class ApiKeyExtensions
{
    /// <summary>Write endpoints always check the key (when one is configured).</summary>
    public static TBuilder RequireApiKeyForWrites<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireApiKey(isWrite: true);

    /// <summary>Read endpoints check the key only when <see cref="ApiKeyOptions.RequireForReads"/> is on.</summary>
    public static TBuilder RequireApiKeyForReads<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireApiKey(isWrite: false);

    private static TBuilder RequireApiKey<TBuilder>(this TBuilder builder, bool isWrite) where TBuilder : IEndpointConventionBuilder =>
        builder
            .WithMetadata(new ApiKeyEndpointMetadata(isWrite))
            .AddEndpointFilterFactory((factory, next) =>
            {
                var filter = new ApiKeyFilter(factory.ApplicationServices.GetRequiredService<IOptions<ApiKeyOptions>>(), isWrite);
                return invocation => filter.InvokeAsync(invocation, next);
            });
}
