namespace GenQ.Queue.Redis;

/// <summary>
/// Exponential backoff between attempts to read again after a failure: <c>initial · 2^(n-1)</c>, capped, with up to
/// a fifth of random jitter so replicas that lost Redis together do not come back in lockstep.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max)
{
    public int Failures { get; private set; }

    public TimeSpan Next()
    {
        Failures++;
        var exponent = Math.Min(Failures - 1, 30);
        var delay = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        var jitter = 1 - (Random.Shared.NextDouble() * 0.2);
        return TimeSpan.FromMilliseconds(delay * jitter);
    }

    public void Reset() => Failures = 0;
}
