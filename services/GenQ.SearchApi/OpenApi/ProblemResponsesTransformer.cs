using GenQ.SearchApi.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GenQ.SearchApi.OpenApi;

/// <summary>
/// Adds the problem responses every API operation can give but no handler signature shows: 401 and the key
/// requirement where the API key filter runs, 429 (rate limit) and 503 (Redis unavailable) everywhere.
/// Endpoint-specific ones (404, 413) are declared on the endpoints.
/// </summary>
public sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) != true)
        {
            return;
        }
        var schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        operation.Responses ??= new OpenApiResponses();
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiKeyEndpointMetadata>().FirstOrDefault() is { } key)
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeySchemeTransformer.SchemeName, context.Document)] = [],
            });
            Add(operation, schema, StatusCodes.Status401Unauthorized, key.IsWrite
                ? "Missing or wrong X-Api-Key."
                : "Missing or wrong X-Api-Key (only when Security:RequireForReads is on).");
        }
        Add(operation, schema, StatusCodes.Status429TooManyRequests, "Rate limit of this client reached; see Retry-After.");
        Add(operation, schema, StatusCodes.Status503ServiceUnavailable, "Redis (runs, corpora) unreachable; see Retry-After.");
    }

    private static void Add(OpenApiOperation operation, IOpenApiSchema schema, int status, string description) =>
        operation.Responses!.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
        });
}
