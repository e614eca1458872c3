using StackExchange.Redis;

namespace GenQ.Queue.Redis;

/// <summary>
/// The stream commands one consumer issues against its group: acknowledging, heartbeating, releasing,
/// dead-lettering. Kept apart from the loop so each Redis step (and its atomicity) is visible in one place.
/// </summary>
internal sealed class ConsumerGroupOperations(IDatabase db, RedisQueueKeys keys, string group, string consumer)
{
    public async Task EnsureGroupAsync()
    {
        try
        {
            // Position 0: a group created after messages were published still receives them.
            await db.StreamCreateConsumerGroupAsync(keys.Stream, group, "0-0", createStream: true).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // The group exists already: another replica created it.
        }
    }

    public async Task<long> DeliveryCountAsync(string streamId)
    {
        var pending = await db.StreamPendingMessagesAsync(keys.Stream, group, 1, RedisValue.Null, streamId, streamId)
            .ConfigureAwait(false);
        return pending.Length == 0 ? 0 : pending[0].DeliveryCount;
    }

    public Task<bool> WasHandledAsync(string messageId) => db.KeyExistsAsync(keys.Processed(group, messageId));

    /// <summary>Marks the message id handled and acknowledges the entry in one transaction.</summary>
    public async Task CompleteAsync(string streamId, string messageId, TimeSpan markerTtl)
    {
        var transaction = db.CreateTransaction();
        _ = transaction.StringSetAsync(keys.Processed(group, messageId), 1, markerTtl);
        _ = transaction.StreamAcknowledgeAsync(keys.Stream, group, streamId);
        _ = transaction.HashDeleteAsync(keys.Errors(group), messageId);
        await transaction.ExecuteAsync().ConfigureAwait(false);
    }

    public async Task AcknowledgeAsync(string streamId, string messageId)
    {
        await db.StreamAcknowledgeAsync(keys.Stream, group, streamId).ConfigureAwait(false);
        await db.HashDeleteAsync(keys.Errors(group), messageId).ConfigureAwait(false);
    }

    public Task RecordErrorAsync(string messageId, string error) => db.HashSetAsync(keys.Errors(group), messageId, error);

    public async Task<string?> LastErrorAsync(string messageId)
    {
        var error = await db.HashGetAsync(keys.Errors(group), messageId).ConfigureAwait(false);
        return error.IsNull ? null : error.ToString();
    }

    /// <summary>Resets the entry's idle time so live consumers do not reclaim a message still being worked on.</summary>
    public Task HeartbeatAsync(string streamId) =>
        db.StreamClaimIdsOnlyAsync(keys.Stream, group, consumer, 0, [streamId]);

    /// <summary>
    /// Makes the entry claimable by any consumer after <paramref name="after"/> by back-dating its idle time
    /// (XCLAIM ... IDLE). JUSTID keeps the delivery counter unchanged.
    /// </summary>
    public Task MakeClaimableAsync(string streamId, TimeSpan visibilityTimeout, TimeSpan after)
    {
        var idle = (long)Math.Max(0, (visibilityTimeout - after).TotalMilliseconds);
        return db.ExecuteAsync("XCLAIM", keys.Stream, group, consumer, 0, streamId, "IDLE", idle, "JUSTID");
    }

    /// <summary>Copies the message with its error to the dead-letter stream and acknowledges it, atomically.</summary>
    public async Task DeadLetterAsync(QueueEntry entry, string error, long deliveries)
    {
        var fields = entry.Fields.Select(field => new NameValueEntry(field.Key, field.Value)).ToList();
        fields.Add(new(EnvelopeFields.Error, error));
        fields.Add(new(EnvelopeFields.Deliveries, deliveries));
        fields.Add(new(EnvelopeFields.ConsumerGroup, group));
        fields.Add(new(EnvelopeFields.DeadLetteredAt, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

        var transaction = db.CreateTransaction();
        _ = transaction.StreamAddAsync(keys.DeadLetter, [.. fields]);
        _ = transaction.StreamAcknowledgeAsync(keys.Stream, group, entry.StreamId);
        _ = transaction.HashDeleteAsync(keys.Errors(group), entry.MessageId);
        await transaction.ExecuteAsync().ConfigureAwait(false);
    }

    /// <summary>Takes over entries idle longer than <paramref name="minIdle"/>; entries deleted from the stream meanwhile
    /// are dropped from the pending list by Redis itself.</summary>
    public async Task<IReadOnlyList<QueueEntry>> ReclaimAsync(TimeSpan minIdle, int count)
    {
        var result = await db.StreamAutoClaimAsync(keys.Stream, group, consumer, (long)minIdle.TotalMilliseconds, "0-0", count)
            .ConfigureAwait(false);
        return result.ClaimedEntries.Where(e => !e.IsNull).Select(QueueEntry.From).ToList();
    }

    public async Task<(long Pending, long Lag)> BacklogAsync()
    {
        var groups = await db.StreamGroupInfoAsync(keys.Stream).ConfigureAwait(false);
        var info = groups.FirstOrDefault(g => g.Name == group);
        return (info.PendingMessageCount, info.Lag ?? 0);
    }
}
