namespace GenQ.Generation.Modeling;

/// <summary>
/// Float buffers kept for reuse, up to a retained size. Writing into memory the process has not touched yet costs a
/// page fault per 4 KB: on the build machine a copy into fresh memory ran at 0.33 GB/s against 18 GB/s into memory
/// written before, and at batch 8 the host-side copies of the cross-attention cache into fresh memory took more time
/// than the decoder (7.3 s of a 13.6 s run). Reused buffers stay mapped, so a copy into them runs at memory speed.
/// Thread-safe.
/// </summary>
internal sealed class HostBufferPool(long maxRetainedBytes)
{
    private readonly List<float[]> _free = [];
    private long _retainedBytes;

    /// <summary>The smallest kept buffer of at least <paramref name="length"/> floats (and at most twice that), else a new one.</summary>
    public float[] Rent(long length)
    {
        lock (_free)
        {
            var best = -1;
            for (var i = 0; i < _free.Count; i++)
            {
                if (_free[i].LongLength >= length && _free[i].LongLength <= 2 * length && (best < 0 || _free[i].LongLength < _free[best].LongLength))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                var buffer = _free[best];
                _free.RemoveAt(best);
                _retainedBytes -= buffer.LongLength * sizeof(float);
                return buffer;
            }
        }

        return GC.AllocateUninitializedArray<float>(checked((int)length));
    }

    /// <summary>
    /// Keeps <paramref name="buffer"/> for a later <see cref="Rent"/>, dropping the oldest kept ones past the retained
    /// size; the newest is kept even when it alone is larger (a batch that size comes again: at batch 32 one T5-base
    /// batch's cross-attention cache is 2.1 GB, and faulting it in afresh for every batch would cost seconds).
    /// </summary>
    public void Return(float[] buffer)
    {
        lock (_free)
        {
            _free.Add(buffer);
            _retainedBytes += buffer.LongLength * sizeof(float);
            while (_retainedBytes > maxRetainedBytes && _free.Count > 1)
            {
                _retainedBytes -= _free[0].LongLength * sizeof(float);
                _free.RemoveAt(0);
            }
        }
    }

    /// <summary>Bytes held for reuse (tests).</summary>
    public long RetainedBytes
    {
        get
        {
            lock (_free)
            {
                return _retainedBytes;
            }
        }
    }
}
