using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.Security;

/// <summary>Says at start-up, once, when no API key is configured: every write endpoint is then open to anyone.</summary>
public sealed partial class ApiKeyStartupCheck(IOptions<ApiKeyOptions> options, ILogger<ApiKeyStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.ApiKey))
        {
            NoApiKey(logger, ApiKeyOptions.SectionName);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "No API key is configured ({Section}:ApiKey is empty): uploads, training, evaluation and the demo are open to anyone who can reach this API")]
    private static partial void NoApiKey(ILogger logger, string section);
}
