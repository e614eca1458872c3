namespace GenQ.AppHost.Supervision;

/// <summary>How the AppHost brings back a resource whose process exited on its own (section <c>GenQ:Restart</c>).</summary>
public sealed class RestartPolicyOptions
{
    public const string SectionName = "GenQ:Restart";

    /// <summary>Off leaves crashed resources Finished/Exited until someone presses Start.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Wait before the first restart after a crash; doubled for every crash that follows soon after.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between restarts of a resource that keeps crashing.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A resource that ran this long since its last restart starts again from <see cref="InitialDelay"/>.</summary>
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromMinutes(2);
}
