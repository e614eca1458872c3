using Microsoft.AspNetCore.Http.Features;

namespace GenQ.SearchApi.Security;

/// <summary>
/// Rejects a request whose path, as the client sent it, has dot segments: Kestrel resolves
/// <c>/api/corpora/x/../time/documents</c> to the corpus <c>time</c> before routing, so the name a client wrote is
/// not the one validated. The raw target is checked before that normalisation; the problem names the route value.
/// </summary>
public sealed class LiteralPathFilter(string routeValue) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var raw = context.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var path = raw.Split('?', 2)[0];
        var hasDotSegment = path.Split('/').Select(Uri.UnescapeDataString).Any(segment => segment is "." or "..");
        if (!hasDotSegment)
        {
            return await next(context);
        }
        return TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            [routeValue] = ["the path must name it literally: '.' and '..' segments are not allowed"],
        });
    }
}
