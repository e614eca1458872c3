using System.Diagnostics.Metrics;

namespace GenQ.Queue.IntegrationTests;

internal sealed class TestMeterFactory : IMeterFactory
{
    public Meter Create(MeterOptions options) => new(options);

    public void Dispose()
    {
    }
}
