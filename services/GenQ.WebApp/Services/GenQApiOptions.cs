using System.ComponentModel.DataAnnotations;

namespace GenQ.WebApp.Services;

/// <summary>Where the search API is and how long the web app waits for it.</summary>
public sealed class GenQApiOptions
{
    public const string SectionName = "GenQApi";

    /// <summary>Service-discovery name (the AppHost's resource) or a plain URL.</summary>
    [Required]
    public Uri BaseAddress { get; set; } = new("https+http://search-api");

    /// <summary>
    /// Uploads and evaluations run as long as the API needs (a large corpus is validated and stored in one request; an
    /// evaluation searches every judged query with every system), far beyond the read client's resilience timeouts.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest file the upload and evaluate forms accept (the API's own default limit).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;
}
