namespace GenQ.SearchApi.Limits;

/// <summary>
/// Per-client request limits (section <c>RateLimits</c>). A client is its API key when it sends the valid one, else
/// its remote address. The defaults are far above what one person or the CLI does, so they only stop runaways.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public const string SearchPolicy = "search";
    public const string UploadPolicy = "upload";
    public const string EvaluatePolicy = "evaluate";

    /// <summary>Searches (GET and POST /api/search): 100 a second on average.</summary>
    public RateLimitRule Search { get; set; } = new() { PermitLimit = 6000 };

    /// <summary>Uploads (POST /api/corpora/{name}/documents): each starts a run.</summary>
    public RateLimitRule Upload { get; set; } = new() { PermitLimit = 60 };

    /// <summary>Evaluations (POST /api/corpora/{name}/evaluate): each searches every judged query in every mode.</summary>
    public RateLimitRule Evaluate { get; set; } = new() { PermitLimit = 30 };
}
