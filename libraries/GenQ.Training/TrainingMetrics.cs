using System.Diagnostics.Metrics;

namespace GenQ.Training;

/// <summary>
/// Progress metrics on the <c>GenQ.Training</c> meter (add it to OpenTelemetry with <c>AddMeter(TrainingMetrics.MeterName)</c>):
/// loss, learning rate, steps/s, pairs/s and ETA as gauges, steps and pairs as counters.
/// </summary>
public sealed class TrainingMetrics : IDisposable
{
    public const string MeterName = "GenQ.Training";

    private readonly Meter _meter;
    private readonly Counter<long> _steps;
    private readonly Counter<long> _pairs;
    private readonly Gauge<double> _loss;
    private readonly Gauge<double> _learningRate;
    private readonly Gauge<double> _stepsPerSecond;
    private readonly Gauge<double> _pairsPerSecond;
    private readonly Gauge<double> _eta;

    public TrainingMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _steps = _meter.CreateCounter<long>("genq.training.steps", "{step}", "Optimiser steps done");
        _pairs = _meter.CreateCounter<long>("genq.training.pairs", "{pair}", "Training pairs consumed");
        _loss = _meter.CreateGauge<double>("genq.training.loss", null, "Loss of the last step");
        _learningRate = _meter.CreateGauge<double>("genq.training.learning_rate", null, "Learning rate of the last step");
        _stepsPerSecond = _meter.CreateGauge<double>("genq.training.steps_per_second", "{step}/s", "Recent optimiser steps per second");
        _pairsPerSecond = _meter.CreateGauge<double>("genq.training.pairs_per_second", "{pair}/s", "Recent training pairs per second");
        _eta = _meter.CreateGauge<double>("genq.training.eta", "s", "Estimated seconds until training finishes");
    }

    public void RecordStep(int pairs, double loss, double learningRate)
    {
        _steps.Add(1);
        _pairs.Add(pairs);
        _loss.Record(loss);
        _learningRate.Record(learningRate);
    }

    public void RecordProgress(TrainingProgress progress)
    {
        _stepsPerSecond.Record(progress.StepsPerSecond);
        _pairsPerSecond.Record(progress.PairsPerSecond);
        _eta.Record(progress.EstimatedTimeRemaining.TotalSeconds);
    }

    public void Dispose() => _meter.Dispose();
}
