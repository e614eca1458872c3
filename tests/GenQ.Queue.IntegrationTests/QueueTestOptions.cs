using GenQ.Queue.Redis;

namespace GenQ.Queue.IntegrationTests;

internal static class QueueTestOptions
{
    /// <summary>Production semantics with short clocks, so reclaim and retry happen within a test's patience.</summary>
    public static JobQueueOptions Fast(string consumerName) => new()
    {
        ConsumerGroup = "testers",
        ConsumerName = consumerName,
        VisibilityTimeout = TimeSpan.FromSeconds(1.5),
        RetryDelay = TimeSpan.FromMilliseconds(100),
        ClaimInterval = TimeSpan.FromMilliseconds(200),
        BlockTimeout = TimeSpan.FromMilliseconds(200),
        MaxDeliveries = 3,
        ShutdownGracePeriod = TimeSpan.FromMilliseconds(300),
    };
}
