namespace GenQ.AppHost.Supervision;

/// <summary>Restart delays of one resource instance: exponential from the initial delay, capped, reset once stable.</summary>
internal sealed class RestartBackoff(RestartPolicyOptions options)
{
    private DateTimeOffset _lastRestart = DateTimeOffset.MinValue;

    public int Restarts { get; private set; }

    public TimeSpan NextDelay(DateTimeOffset now)
    {
        if (now - _lastRestart >= options.StableAfter)
        {
            Restarts = 0;
        }
        Restarts++;
        _lastRestart = now;
        var factor = Math.Pow(2, Math.Min(Restarts - 1, 20));
        return TimeSpan.FromMilliseconds(Math.Min(options.InitialDelay.TotalMilliseconds * factor, options.MaxDelay.TotalMilliseconds));
    }
}
