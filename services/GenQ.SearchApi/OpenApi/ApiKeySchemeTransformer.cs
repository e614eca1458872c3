using GenQ.SearchApi.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GenQ.SearchApi.OpenApi;

/// <summary>Declares the <c>X-Api-Key</c> header scheme once; operations that need the key refer to it.</summary>
public sealed class ApiKeySchemeTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyOptions.HeaderName,
            Description = "Required by uploads, training, evaluation and the demo; by reads too when Security:RequireForReads is on.",
        };
        return Task.CompletedTask;
    }
}
