using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GenQ.VectorStore.Embedded;
using GenQ.VectorStore.Model;
using GenQ.VectorStore.Tests.Infrastructure;

namespace GenQ.VectorStore.Tests.Embedded;

public sealed class VectorStoreMetricsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task UpsertsPublishesAndSearchesAreMeasured()
    {
        var corpus = "metrics-" + Guid.NewGuid().ToString("N")[..8]; // the meter is process-wide: count only this corpus
        var measurements = new ConcurrentBag<(string Instrument, double Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == VectorStoreMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();

        var index = new EmbeddedVectorIndex(new VectorStoreOptions { DataDirectory = _directory.Path, UpsertBatchSize = 4 });
        await index.CreateVersionAsync(corpus, "v1", 4);
        await index.UpsertAsync(corpus, "v1", TestVectors.Points(TestVectors.RandomUnit(10, 4, seed: 70)));
        await index.PublishVersionAsync(corpus, "v1");
        await index.SearchAsync(new VectorSearchRequest(corpus, new float[] { 1, 0, 0, 0 }, 3));

        Assert.Equal(10, measurements.Where(m => m.Instrument == "genq.vectorstore.points.upserted").Sum(m => m.Value));
        Assert.Single(measurements, m => m.Instrument == "genq.vectorstore.versions.published");
        Assert.Single(measurements, m => m.Instrument == "genq.vectorstore.search.duration" && m.Value >= 0);

        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "genq.corpus" && (string?)tag.Value == corpus)
                {
                    measurements.Add((instrument.Name, value));
                }
            }
        }
    }
}
