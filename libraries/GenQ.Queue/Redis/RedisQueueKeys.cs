namespace GenQ.Queue.Redis;

/// <summary>The Redis keys of one logical queue: <c>genq:{queue}:stream</c> and its companions.</summary>
public sealed record RedisQueueKeys(string Queue)
{
    /// <summary>The stream holding the queue's messages.</summary>
    public string Stream => $"genq:{Queue}:stream";

    /// <summary>Messages that exhausted their deliveries, with the error that stopped them.</summary>
    public string DeadLetter => $"genq:{Queue}:dead";

    /// <summary>Hash of message id → last handler error, kept until the message is acked or dead-lettered.</summary>
    public string Errors(string group) => $"genq:{Queue}:{group}:errors";

    /// <summary>Marker that a message id was handled by a group (the idempotency record).</summary>
    public string Processed(string group, string messageId) => $"genq:{Queue}:{group}:done:{messageId}";
}
