using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using Microsoft.Extensions.Logging;

namespace GenQ.Cli.Infrastructure;

/// <summary>Opens a model folder with the search API's encoder (<see cref="OnnxSentenceEncoder"/>).</summary>
public static class EncoderFactory
{
    public static OnnxSentenceEncoder Open(ModelFolder folder, string provider, int batchSize, int threads, ILoggerFactory loggers)
    {
        if (string.Equals(provider, "cuda", StringComparison.OrdinalIgnoreCase))
        {
            var encoder = OnnxSentenceEncoder.Create(folder, Options(true, batchSize, threads), loggers.CreateLogger<OnnxSentenceEncoder>());
            if (encoder.ExecutionProvider != "CUDA")
            {
                encoder.Dispose();
                throw new InvalidOperationException("--provider cuda was asked for, but the CUDA execution provider did not load.");
            }

            return encoder;
        }

        var preferCuda = !string.Equals(provider, "cpu", StringComparison.OrdinalIgnoreCase);
        return OnnxSentenceEncoder.Create(folder, Options(preferCuda, batchSize, threads), loggers.CreateLogger<OnnxSentenceEncoder>());
    }

    private static OnnxSentenceEncoderOptions Options(bool preferCuda, int batchSize, int threads) => new()
    {
        PreferCuda = preferCuda,
        BatchSize = batchSize,
        IntraOpThreads = threads,
    };
}
