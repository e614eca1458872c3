namespace GenQ.VectorStore.Embedded.Hnsw;

/// <summary>
/// Marks nodes visited by one graph search. Clearing a bool[] per search would cost O(N); an epoch stamp per node makes
/// "clear" one increment, and one instance per thread is reused across searches.
/// </summary>
internal sealed class VisitedSet
{
    [ThreadStatic]
    private static VisitedSet? t_current;

    private int[] _stamps = [];
    private int _epoch;

    /// <summary>This thread's set, emptied and sized for <paramref name="count"/> nodes.</summary>
    public static VisitedSet ForThread(int count)
    {
        var set = t_current ??= new VisitedSet();
        set.Reset(count);
        return set;
    }

    public void Reset(int count)
    {
        if (_stamps.Length < count)
        {
            _stamps = new int[count];
            _epoch = 0;
        }

        if (++_epoch == int.MaxValue)
        {
            Array.Clear(_stamps);
            _epoch = 1;
        }
    }

    /// <summary>Marks <paramref name="node"/>; false when it was already marked in this search.</summary>
    public bool Add(int node)
    {
        if (_stamps[node] == _epoch)
        {
            return false;
        }

        _stamps[node] = _epoch;
        return true;
    }
}
