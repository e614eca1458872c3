using GenQ.Embeddings.Inference;
using Microsoft.Extensions.Logging;

namespace GenQ.Embeddings.Tests;

public sealed class CudaFallbackTests(BaseModelFixture fixture) : IClassFixture<BaseModelFixture>
{
    [Fact]
    public void WithoutCudaLibrariesTheEncoderRunsOnCpuAndLogsWhy()
    {
        if (File.Exists("/usr/lib/x86_64-linux-gnu/libcuda.so.1"))
        {
            return; // a GPU machine: CUDA may load, nothing to fall back from
        }

        var logger = new ListLogger();
        using var encoder = OnnxSentenceEncoder.Create(fixture.Folder, new OnnxSentenceEncoderOptions { PreferCuda = true, IntraOpThreads = 1 }, logger);

        Assert.Equal("CPU", encoder.ExecutionProvider);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("CUDA execution provider unavailable", warning.Message, StringComparison.Ordinal);
        Assert.True(warning.Message.Length > "CUDA execution provider unavailable, running on CPU: ".Length, "the reason must be logged");
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("on CPU", StringComparison.Ordinal));
    }

    [Fact]
    public void AfterOneFailedCudaLoadLaterEncodersGoStraightToCpuAndStillSayWhy()
    {
        if (File.Exists("/usr/lib/x86_64-linux-gnu/libcuda.so.1"))
        {
            return; // a GPU machine: CUDA may load, nothing to fall back from
        }

        var options = new OnnxSentenceEncoderOptions { PreferCuda = true, IntraOpThreads = 1 };
        using var first = OnnxSentenceEncoder.Create(fixture.Folder, options, new ListLogger());
        var logger = new ListLogger();
        using var second = OnnxSentenceEncoder.Create(fixture.Folder, options, logger);

        Assert.Equal("CPU", second.ExecutionProvider);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("not tried again", warning.Message, StringComparison.Ordinal);
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Entries.Add((logLevel, formatter(state, exception)));
    }
}
