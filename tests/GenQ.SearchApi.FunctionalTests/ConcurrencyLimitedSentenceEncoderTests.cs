using GenQ.Embeddings;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.SearchApi.Search;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>The search API's query-encoding gate: never more encodings at once than allowed, and results unchanged.</summary>
public sealed class ConcurrencyLimitedSentenceEncoderTests
{
    [Fact]
    public async Task AtMostTheAllowedNumberOfEncodingsRunAtOnceAndAllFinish()
    {
        using var gate = new SemaphoreSlim(2);
        var recorder = new ConcurrencyRecorder();
        using var gated = new ConcurrencyLimitedSentenceEncoder(recorder, gate);

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => gated.EncodeAsync([$"query {i}"])));

        Assert.Equal(2, recorder.MaxConcurrent); // 24 callers at once, two at a time inside
        Assert.Equal(24, recorder.Calls);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (float)$"query {i}".Length), results.Select(r => r[0][0]));
        Assert.Equal(2, gate.CurrentCount); // every slot given back
    }

    [Fact]
    public async Task ACancelledWaiterGivesUpWithoutTakingASlot()
    {
        using var gate = new SemaphoreSlim(1);
        var recorder = new ConcurrencyRecorder();
        using var gated = new ConcurrencyLimitedSentenceEncoder(recorder, gate);
        await gate.WaitAsync(); // the only slot is busy
        using var cancel = new CancellationTokenSource();

        var waiting = gated.EncodeAsync(["q"], cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        gate.Release();
        Assert.Equal(1, gate.CurrentCount);
        Assert.Equal(0, recorder.Calls);
    }

    [Fact]
    public async Task TheGatedEncoderReturnsWhatTheRealEncoderReturns()
    {
        using var real = OnnxSentenceEncoder.Create(BaseModelLocator.GetMiniLM(), new OnnxSentenceEncoderOptions { PreferCuda = false, IntraOpThreads = 1 });
        using var gate = new SemaphoreSlim(1);
        var gated = new ConcurrencyLimitedSentenceEncoder(real, gate);
        string[] texts = ["how do wings create lift", "boundary layer transition"];

        Assert.Equal(real.Encode(texts), await gated.EncodeAsync(texts));
        Assert.Equal(real.Manifest, gated.Manifest);
        Assert.Equal(384, gated.Dimension);
    }

    [Fact]
    public async Task WaitsAndEncodingTimesAreReportedAsMetricsOfTheirCorpusAndVersion()
    {
        var corpus = "metrics-" + Guid.NewGuid().ToString("N")[..8]; // other tests may encode at the same time
        var measurements = new System.Collections.Concurrent.ConcurrentQueue<(string Instrument, double Value)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == QueryEncodingMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(System.Diagnostics.Metrics.Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "genq.corpus" && (string?)tag.Value == corpus)
                {
                    measurements.Enqueue((instrument.Name, value));
                }
            }
        }

        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.Start();
        using var gate = new SemaphoreSlim(1);
        using var gated = new ConcurrencyLimitedSentenceEncoder(new ConcurrencyRecorder(), gate, corpus, "v7");

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => gated.EncodeAsync([$"q{i}"])));

        var waits = measurements.Where(m => m.Instrument == QueryEncodingMetrics.WaitName).Select(m => m.Value).ToList();
        var durations = measurements.Where(m => m.Instrument == QueryEncodingMetrics.DurationName).Select(m => m.Value).ToList();
        var waiting = measurements.Where(m => m.Instrument == QueryEncodingMetrics.WaitingName).Select(m => m.Value).ToList();
        Assert.Equal(6, waits.Count);
        Assert.Equal(6, durations.Count);
        Assert.All(durations, ms => Assert.True(ms >= 4, $"an encoding of the recorder takes ≥ 5 ms, reported {ms:F1}"));
        Assert.True(waits.Max() >= 20, $"one slot, six 5 ms encodings: the last waits ≥ 25 ms, longest wait reported {waits.Max():F1}");
        Assert.Equal(12, waiting.Count); // each caller counted in and out
        Assert.Equal(0, waiting.Sum());
    }

    // Records how many encodings overlap; each "embedding" is the text length so results can be matched to callers.
    private sealed class ConcurrencyRecorder : ISentenceEncoder
    {
        private int _current;
        private int _max;
        private int _calls;

        public int MaxConcurrent => Volatile.Read(ref _max);

        public int Calls => Volatile.Read(ref _calls);

        public ModelManifest Manifest => throw new NotSupportedException();

        public int Dimension => 1;

        public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
            EncodeAsync(texts, cancellationToken).GetAwaiter().GetResult();

        public async Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            var now = Interlocked.Increment(ref _current);
            int seen;
            while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }

            await Task.Delay(5, cancellationToken);
            Interlocked.Decrement(ref _current);
            return texts.Select(t => new[] { (float)t.Length }).ToArray();
        }

        public void Dispose()
        {
        }
    }
}
