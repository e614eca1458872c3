using GenQ.Contracts.Configuration;

namespace GenQ.SearchApi.Security;

/// <summary>API key settings, bound from the <c>Security</c> section (the AppHost passes its secret parameter).</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = ServiceSettingKeys.SecuritySection;
    public const string HeaderName = "X-Api-Key";

    /// <summary>The key write endpoints require. Empty leaves them open (<see cref="ApiKeyStartupCheck"/> warns at start-up).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Also require the key on read endpoints (search, status, corpora).</summary>
    public bool RequireForReads { get; set; }
}
