using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenQ.Embeddings.Inference;

/// <summary>
/// <see cref="ISentenceEncoderFactory"/> for ONNX Runtime; register it as a singleton, e.g.
/// <c>services.AddSingleton&lt;ISentenceEncoderFactory&gt;(sp =&gt; new OnnxSentenceEncoderFactory(options, sp.GetRequiredService&lt;ILoggerFactory&gt;()))</c>.
/// </summary>
public sealed class OnnxSentenceEncoderFactory(OnnxSentenceEncoderOptions options, ILoggerFactory? loggerFactory = null) : ISentenceEncoderFactory
{
    public ISentenceEncoder Create(string modelFolderPath)
        => OnnxSentenceEncoder.Create(modelFolderPath, options, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<OnnxSentenceEncoder>());
}
