namespace GenQ.SearchApi.Versions;

/// <summary>Log messages of manual promotion and rollback.</summary>
public static partial class VersionsLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Corpus {Corpus}: version {Version} made live by an operator ({Reason}); live was {Previous}")]
    public static partial void Promoted(ILogger logger, string corpus, string version, string reason, string? previous);
}
