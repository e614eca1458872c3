namespace GenQ.VectorStore.Embedded;

/// <summary>Keeps the k highest (score, row) pairs seen, as a min-heap on score; ties prefer the lower row.</summary>
internal sealed class TopKHeap
{
    private readonly float[] _scores;
    private readonly int[] _rows;
    private int _count;

    public TopKHeap(int capacity)
    {
        _scores = new float[capacity];
        _rows = new int[capacity];
    }

    public int Count => _count;

    /// <summary>Smallest score kept, or -infinity while the heap is not full (anything better is worth offering).</summary>
    public float Threshold => _count < _scores.Length ? float.NegativeInfinity : _scores[0];

    public void Offer(float score, int row)
    {
        if (_count < _scores.Length)
        {
            var i = _count++;
            _scores[i] = score;
            _rows[i] = row;
            SiftUp(i);
        }
        else if (Worse(_scores[0], _rows[0], score, row))
        {
            _scores[0] = score;
            _rows[0] = row;
            SiftDown(0);
        }
    }

    /// <summary>Kept rows, best first.</summary>
    public (int Row, float Score)[] ToSortedArray()
    {
        var result = new (int Row, float Score)[_count];
        for (var i = 0; i < _count; i++)
        {
            result[i] = (_rows[i], _scores[i]);
        }

        Array.Sort(result, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Row.CompareTo(b.Row));
        return result;
    }

    // (scoreA,rowA) ranks below (scoreB,rowB): lower score, or equal score and higher row.
    private static bool Worse(float scoreA, int rowA, float scoreB, int rowB) =>
        scoreA < scoreB || (scoreA == scoreB && rowA > rowB);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Worse(_scores[i], _rows[i], _scores[parent], _rows[parent]))
            {
                break;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= _count)
            {
                return;
            }

            var smallest = left;
            var right = left + 1;
            if (right < _count && Worse(_scores[right], _rows[right], _scores[left], _rows[left]))
            {
                smallest = right;
            }

            if (!Worse(_scores[smallest], _rows[smallest], _scores[i], _rows[i]))
            {
                return;
            }

            Swap(i, smallest);
            i = smallest;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_rows[a], _rows[b]) = (_rows[b], _rows[a]);
    }
}
