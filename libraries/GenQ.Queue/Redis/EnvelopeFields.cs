namespace GenQ.Queue.Redis;

/// <summary>Field names of a queue message inside a stream entry.</summary>
internal static class EnvelopeFields
{
    public const string MessageId = "id";
    public const string MessageType = "type";
    public const string Version = "v";
    public const string Body = "body";
    public const string PublishedAt = "ts";
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    // Dead-letter entries add these.
    public const string Error = "error";
    public const string Deliveries = "deliveries";
    public const string ConsumerGroup = "group";
    public const string DeadLetteredAt = "dead_at";
}
