using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.Demo;

/// <summary>With <c>Demo:IngestOnStart</c>, ingests the demo corpus once the API is up (AppHost: <c>GenQ:Demo=true</c>).</summary>
public sealed partial class DemoStartupService(DemoIngestion demo, IOptions<DemoCorpusOptions> options, ILogger<DemoStartupService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IngestOnStart)
        {
            return;
        }
        try
        {
            await demo.StartIfMissingAsync();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            // The demo is a convenience: the API keeps serving even when the SDK's reference XML cannot be read.
            LogDemoFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not ingest the demo corpus")]
    private partial void LogDemoFailed(Exception exception);
}
