using System.ComponentModel;
using Spectre.Console.Cli;

namespace GenQ.Cli.Service;

/// <summary>Options every service command shares: where the search API is, its key, and JSON output.</summary>
public class ApiSettings : CommandSettings
{
    public const string UrlVariable = "GENQ_API_URL";
    public const string KeyVariable = "GENQ_API_KEY";

    /// <summary>The AppHost's search-api http endpoint (services/GenQ.SearchApi/Properties/launchSettings.json).</summary>
    public const string DefaultUrl = "http://localhost:5180";

    /// <summary>The AppHost's local development key (GenQ.AppHost/appsettings.json, Parameters:api-key).</summary>
    public const string DefaultKey = "genq-local-dev-key";

    [CommandOption("--api <URL>")]
    [Description("Search API base URL (default: $GENQ_API_URL, else http://localhost:5180, the AppHost's search-api).")]
    public string? Api { get; init; }

    [CommandOption("--api-key <KEY>")]
    [Description("API key sent as X-Api-Key (default: $GENQ_API_KEY, else the AppHost's local key genq-local-dev-key).")]
    public string? ApiKey { get; init; }

    [CommandOption("--json")]
    [Description("Print the result as JSON (progress and notes still go to stderr).")]
    [DefaultValue(false)]
    public bool Json { get; init; }

    public Uri ResolveUrl()
    {
        var url = Api ?? NonEmpty(Environment.GetEnvironmentVariable(UrlVariable)) ?? DefaultUrl;
        return Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new Infrastructure.CliUsageException($"--api '{url}' is not an http(s) URL.");
    }

    public string ResolveKey() => ApiKey ?? NonEmpty(Environment.GetEnvironmentVariable(KeyVariable)) ?? DefaultKey;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
