namespace GenQ.SearchApi.Search;

/// <summary>
/// The waiting requests of <see cref="QueryEncodingLanes"/>, oldest first. A lane always takes the oldest request; when
/// that is a single query, it also takes later single queries for the same encoder whose token counts are close enough
/// that one shared Run pads little (padded tokens ≤ <c>maxPadding</c> × real tokens), up to <c>maxPerRun</c>. The
/// oldest request is never passed over, so no request waits behind ones that arrived after it.
/// </summary>
internal sealed class LaneQueue(int maxPerRun, double maxPadding)
{
    // How far past the oldest request a lane looks for batch mates (the queue is short unless the service is overloaded).
    private const int Lookahead = 64;
    private readonly object _sync = new();
    private readonly LinkedList<LaneWork> _waiting = new();
    private bool _closed;

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Adds a request; false when the queue is closed.</summary>
    public bool TryAdd(LaneWork work)
    {
        lock (_sync)
        {
            if (_closed)
            {
                return false;
            }

            _waiting.AddLast(work);
            Monitor.Pulse(_sync);
            return true;
        }
    }

    /// <summary>Blocks until there is work; the next request and its batch mates, or null once closed and empty.</summary>
    public List<LaneWork>? Take()
    {
        lock (_sync)
        {
            while (true)
            {
                while (_waiting.First is { } first && first.Value.IsFinished)
                {
                    _waiting.RemoveFirst(); // cancelled while waiting
                }

                if (_waiting.First is { } head)
                {
                    _waiting.RemoveFirst();
                    return WithMates(head.Value);
                }

                if (_closed)
                {
                    return null;
                }

                Monitor.Wait(_sync);
            }
        }
    }

    public void Close()
    {
        lock (_sync)
        {
            _closed = true;
            Monitor.PulseAll(_sync);
        }
    }

    // Called under the lock.
    private List<LaneWork> WithMates(LaneWork head)
    {
        var batch = new List<LaneWork> { head };
        if (head.Texts.Count != 1 || maxPerRun == 1)
        {
            return batch;
        }

        var (longest, total) = (head.Tokens, head.Tokens);
        var node = _waiting.First;
        for (var looked = 0; node is not null && looked < Lookahead && batch.Count < maxPerRun; looked++)
        {
            var next = node.Next;
            var work = node.Value;
            if (work.Encoder == head.Encoder && work.Texts.Count == 1 && !work.IsFinished)
            {
                var newLongest = Math.Max(longest, work.Tokens);
                if (newLongest * (batch.Count + 1) <= maxPadding * (total + work.Tokens))
                {
                    batch.Add(work);
                    (longest, total) = (newLongest, total + work.Tokens);
                    _waiting.Remove(node);
                }
            }

            node = next;
        }

        return batch;
    }
}
