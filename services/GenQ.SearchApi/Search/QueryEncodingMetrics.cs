using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GenQ.SearchApi.Search;

/// <summary>
/// Query-embedding metrics on the meter <see cref="MeterName"/> (ServiceDefaults exports every <c>GenQ.*</c> meter to the
/// dashboard), tagged with corpus and model version. They show when the search API is CPU-bound: a growing wait means
/// queries queue for a core (<see cref="QueryEncodingOptions.MaxConcurrentEncodings"/>), not that the index is slow.
/// </summary>
public static class QueryEncodingMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "GenQ.SearchApi";

    /// <summary>Names of the instruments (for dashboards and tests).</summary>
    public const string WaitName = "genq.search.query_encoding.wait";
    public const string DurationName = "genq.search.query_encoding.duration";
    public const string WaitingName = "genq.search.query_encoding.waiting";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Wait = Meter.CreateHistogram<double>(
        WaitName, "ms", "Time a query encoding waited for a free slot (QueryEncoding:MaxConcurrentEncodings).");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        DurationName, "ms", "Time of one query encoding once it runs.");

    private static readonly UpDownCounter<long> Waiting = Meter.CreateUpDownCounter<long>(
        WaitingName, "{encoding}", "Query encodings waiting for a free slot now.");

    internal static void StartedWaiting(in TagList tags) => Waiting.Add(1, tags);

    internal static void StoppedWaiting(in TagList tags) => Waiting.Add(-1, tags);

    internal static void RecordWait(long startTimestamp, in TagList tags) =>
        Wait.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, tags);

    internal static void RecordDuration(long startTimestamp, in TagList tags) =>
        Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, tags);

    internal static TagList Tags(string corpus, string modelVersion) =>
        new() { { "genq.corpus", corpus }, { "genq.model_version", modelVersion } };
}
