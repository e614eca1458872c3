using Microsoft.Extensions.Logging;

namespace GenQ.Queue.Redis;

internal static partial class QueueLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer {Consumer} of group {Group} listening on {Stream}")]
    public static partial void ConsumerStarted(this ILogger logger, string consumer, string group, string stream);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer {Consumer} stopped")]
    public static partial void ConsumerStopped(this ILogger logger, string consumer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler for {MessageType} message {MessageId} failed on delivery {Delivery} of {MaxDeliveries}")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, string messageType, string messageId, long delivery, int maxDeliveries);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} on {Queue} moved to the dead-letter stream after {Deliveries} deliveries: {Error}")]
    public static partial void DeadLettered(this ILogger logger, string messageId, string queue, long deliveries, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} on {Queue} was already handled by {Group}; acknowledged without handling again")]
    public static partial void AlreadyHandled(this ILogger logger, string messageId, string queue, string group);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reclaimed {Count} message(s) on {Queue} abandoned by stopped consumers")]
    public static partial void Reclaimed(this ILogger logger, int count, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released in-flight message {MessageId} on {Queue} at shutdown for another consumer")]
    public static partial void Released(this ILogger logger, string messageId, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue loop on {Queue} hit a Redis error (failure {Failures} in a row); retrying in {Delay}")]
    public static partial void LoopError(this ILogger logger, Exception exception, string queue, int failures, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer {Consumer} reads {Queue} again after {Failures} failed attempt(s)")]
    public static partial void Recovered(this ILogger logger, string consumer, string queue, int failures);
}
