namespace GenQ.Queue.Abstractions;

/// <summary>What a handler may want to know about the delivery of the job it is handling.</summary>
/// <param name="MessageId">The publisher-assigned id; stable across redeliveries.</param>
/// <param name="DeliveryAttempt">1 for the first delivery, incremented by every redelivery.</param>
/// <param name="PublishedAt">When the message was published.</param>
public sealed record JobContext(string MessageId, long DeliveryAttempt, DateTimeOffset PublishedAt);
