using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GenQ.Training;

namespace GenQ.Training.Tests;

public sealed class TrainingMetricsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void TrainingPublishesLossLearningRateAndThroughputWithHardNegatives()
    {
        var baseFolder = TinyBert.CreateBaseFolder(_dir.Combine("tiny"));
        var pairs = TinyBert.SyntheticPairs(24).Select((p, i) => p with { HardNegative = TinyBert.SyntheticPairs(24, seed: 99)[i].Passage }).ToList();
        var seen = new ConcurrentDictionary<string, double>();
        using var metrics = new TrainingMetrics();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TrainingMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => seen[instrument.Name] = value);
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => seen.AddOrUpdate(instrument.Name, value, (_, old) => old + value));
        listener.Start();

        var options = TinyBert.FastOptions();
        options.Epochs = 1;
        var result = new Trainer(options, metrics: metrics).Train(pairs, baseFolder, _dir.Combine("store"));

        Assert.True(double.IsFinite(result.FinalLoss));
        Assert.Equal(result.Steps, seen["genq.training.steps"]);
        Assert.Equal(24, seen["genq.training.pairs"]);
        Assert.Equal(result.FinalLoss, seen["genq.training.loss"], 6);
        Assert.True(seen["genq.training.pairs_per_second"] > 0);
        Assert.Equal(0, seen["genq.training.eta"], 6); // finished
        Assert.True(seen.ContainsKey("genq.training.learning_rate"));
    }

    public void Dispose() => _dir.Dispose();
}
