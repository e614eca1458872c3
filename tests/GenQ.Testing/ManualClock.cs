namespace GenQ.Testing;

/// <summary>A clock that moves only when a test moves it, so time-based behaviour is tested without sleeping.</summary>
public sealed class ManualClock : TimeProvider
{
    private long _ticks = DateTimeOffset.UnixEpoch.Ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
