namespace GenQ.Runs.Leases;

/// <summary>How the process working on a run shows it is alive (section <c>RunLease</c>, read by the lease holder).</summary>
public sealed class RunLeaseOptions
{
    public const string SectionName = "RunLease";

    /// <summary>How often the holder renews its lease.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a lease lasts without renewal. Several heartbeats long, so one slow Redis write (or a garbage collection)
    /// does not make a live owner look lost; after it the run status says the owner is lost.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
