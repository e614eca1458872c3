namespace GenQ.Queue.Abstractions;

/// <summary>What a handler may want to know about the delivery of the job it is handling.</summary>
/// <param name="MessageId">The publisher-assigned id; stable across redeliveries.</param>
/// <param name="DeliveryAttempt">1 for the first delivery, incremented by every redelivery.</param>
/// <param name="PublishedAt">When the message was published.</param>
/// <param name="MaxDeliveries">Deliveries before a failing message is dead-lettered (0: not known).</param>
public sealed record JobContext(string MessageId, long DeliveryAttempt, DateTimeOffset PublishedAt, long MaxDeliveries = 0)
{
    /// <summary>
    /// A failure now dead-letters the message: a handler that tracks work elsewhere (a run's stage) says it failed
    /// instead of leaving it "in progress" for good.
    /// </summary>
    public bool IsLastAttempt => MaxDeliveries > 0 && DeliveryAttempt >= MaxDeliveries;
}
