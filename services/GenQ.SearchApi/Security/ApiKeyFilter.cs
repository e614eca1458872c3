using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.Security;

/// <summary>Rejects a request without the configured API key in the <c>X-Api-Key</c> header (401 problem details).</summary>
public sealed class ApiKeyFilter(IOptions<ApiKeyOptions> options, bool isWrite) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.Value.ApiKey;
        if (string.IsNullOrEmpty(expected) || (!isWrite && !options.Value.RequireForReads))
        {
            return await next(context);
        }
        var given = context.HttpContext.Request.Headers[ApiKeyOptions.HeaderName].ToString();
        if (Matches(given, expected))
        {
            return await next(context);
        }
        return TypedResults.Problem($"A valid API key is required in the '{ApiKeyOptions.HeaderName}' header.",
            statusCode: StatusCodes.Status401Unauthorized, title: "API key required");
    }

    /// <summary>
    /// Constant-time comparison: the time to reject must not reveal how much of the key was right. Both sides are
    /// hashed first, so the length of the key does not show either (FixedTimeEquals returns early on a length mismatch).
    /// </summary>
    public static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
