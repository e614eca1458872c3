namespace GenQ.Queue.Redis;

/// <summary>Settings of the Redis work queues, bound from the <c>JobQueueOptions</c> configuration section.</summary>
public sealed class JobQueueOptions
{
    public const string SectionName = "JobQueueOptions";

    /// <summary>
    /// Consumer group: one per service role (e.g. <c>generator</c>); every replica of the role is a distinct
    /// consumer in it, so replicas compete for messages instead of each receiving all of them.
    /// </summary>
    public string ConsumerGroup { get; set; } = "default";

    /// <summary>Consumer name; defaults to host, process id and a random suffix so every replica is distinct.</summary>
    public string? ConsumerName { get; set; }

    /// <summary>
    /// A message pending this long without an acknowledgement or heartbeat belongs to a consumer that stopped:
    /// live consumers reclaim it. Handlers that run longer keep their message by heartbeating.
    /// </summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Delay before a message whose handler threw is offered again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After this many deliveries without success the message moves to the dead-letter stream.</summary>
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>How long one blocking read waits; also bounds how quickly a stopping consumer notices.</summary>
    public TimeSpan BlockTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a consumer looks for messages abandoned by others (XAUTOCLAIM).</summary>
    public TimeSpan ClaimInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the "already handled" marker of a message id is kept (idempotency window).</summary>
    public TimeSpan ProcessedMarkerTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>On shutdown, how long an in-flight handler may keep running before it is cancelled and released.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often pending count and lag are sampled for the metrics (on a timer of its own, so the
    /// gauges stay current while a handler runs for minutes).</summary>
    public TimeSpan MetricsSampleInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First wait after a failed read of the stream; doubled after every further failure.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between two attempts to read again, however long Redis stays away.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A consumer that cannot read reports Degraded at first (a Redis restart is over in seconds) and Unhealthy
    /// once it has failed for this long.
    /// </summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(30);
}
