using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using GenQ.SearchApi.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.Limits;

public static class RateLimitExtensions
{
    /// <summary>The search, upload and evaluate policies: fixed windows per client, 429 problem details with Retry-After.</summary>
    public static IServiceCollection AddGenQRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RateLimitOptions.SearchPolicy, http => Partition(http, o => o.Search));
            limiter.AddPolicy(RateLimitOptions.UploadPolicy, http => Partition(http, o => o.Upload));
            limiter.AddPolicy(RateLimitOptions.EvaluatePolicy, http => Partition(http, o => o.Evaluate));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http, Func<RateLimitOptions, RateLimitRule> select)
    {
        var rule = select(http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        return RateLimitPartition.GetFixedWindowLimiter(ClientOf(http), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rule.PermitLimit,
            Window = rule.Window,
            QueueLimit = 0,
        });
    }

    /// <summary>
    /// The valid API key identifies a client wherever it connects from; anyone else is their remote address (an
    /// unverified key would let a client make up a new bucket per request). Only a hash of the key is kept.
    /// </summary>
    private static string ClientOf(HttpContext http)
    {
        var expected = http.RequestServices.GetRequiredService<IOptions<ApiKeyOptions>>().Value.ApiKey;
        var given = http.Request.Headers[ApiKeyOptions.HeaderName].ToString();
        if (!string.IsNullOrEmpty(expected) && ApiKeyFilter.Matches(given, expected))
        {
            return "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(given)))[..16];
        }
        return "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This client reached its request limit for this endpoint (RateLimits settings). Retry in {seconds} s.",
            },
        });
    }
}
