using StackExchange.Redis;

namespace GenQ.Queue.Redis;

/// <summary>A stream entry as the consumer sees it: its stream id and its fields.</summary>
internal sealed record QueueEntry(string StreamId, IReadOnlyDictionary<string, string> Fields)
{
    public string MessageId => Fields.GetValueOrDefault(EnvelopeFields.MessageId) ?? StreamId;

    public static QueueEntry From(StreamEntry entry) => new(
        entry.Id.ToString(),
        entry.Values.ToDictionary(field => field.Name.ToString(), field => field.Value.ToString()));

    /// <summary>
    /// Parses the reply of <c>XREADGROUP ... STREAMS key &gt;</c>: under RESP2 [[key, entries]], under RESP3 a map
    /// {key: entries}; each entry is [id, [field, value, ...]].
    /// </summary>
    public static IReadOnlyList<QueueEntry> FromReadGroupReply(RedisResult reply)
    {
        if (reply.IsNull)
        {
            return [];
        }
        var top = (RedisResult[])reply!;
        var streams = reply.Resp3Type == ResultType.Map
            ? Enumerable.Range(0, top.Length / 2).Select(i => top[(2 * i) + 1])
            : top.Select(stream => ((RedisResult[])stream!)[1]);
        var entries = new List<QueueEntry>();
        foreach (var streamEntries in streams)
        {
            foreach (var item in (RedisResult[])streamEntries!)
            {
                var parts = (RedisResult[])item!;
                var fields = new Dictionary<string, string>();
                if (!parts[1].IsNull)
                {
                    var flat = (RedisResult[])parts[1]!;
                    for (var i = 0; i + 1 < flat.Length; i += 2)
                    {
                        fields[flat[i].ToString()] = flat[i + 1].ToString();
                    }
                }
                entries.Add(new QueueEntry(parts[0].ToString(), fields));
            }
        }
        return entries;
    }
}
