using System.Diagnostics;
using System.Diagnostics.Metrics;
using GenQ.VectorStore.Model;

namespace GenQ.VectorStore;

/// <summary>
/// Metrics of both backends on the meter <see cref="MeterName"/> (add it to OpenTelemetry with
/// <c>metrics.AddMeter(VectorStoreMetrics.MeterName)</c>): points upserted, publishes, and search latency, tagged
/// with backend and corpus.
/// </summary>
public static class VectorStoreMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "GenQ.VectorStore";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> UpsertedPoints = Meter.CreateCounter<long>(
        "genq.vectorstore.points.upserted", "{point}", "Points written into versions being built.");

    private static readonly Counter<long> Publishes = Meter.CreateCounter<long>(
        "genq.vectorstore.versions.published", "{version}", "Versions published (alias switched to them).");

    private static readonly Histogram<double> SearchDuration = Meter.CreateHistogram<double>(
        "genq.vectorstore.search.duration", "ms", "Time of one vector search inside the index (no query embedding).");

    internal static void RecordUpsert(VectorIndexBackendKind backend, string corpus, int points) =>
        UpsertedPoints.Add(points, Tags(backend, corpus));

    internal static void RecordPublish(VectorIndexBackendKind backend, string corpus) => Publishes.Add(1, Tags(backend, corpus));

    internal static void RecordSearch(VectorIndexBackendKind backend, string corpus, long startTimestamp) =>
        SearchDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, Tags(backend, corpus));

    private static TagList Tags(VectorIndexBackendKind backend, string corpus) =>
        new() { { "genq.backend", backend == VectorIndexBackendKind.Qdrant ? "qdrant" : "embedded" }, { "genq.corpus", corpus } };
}
