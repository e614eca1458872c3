using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;

namespace GenQ.Embeddings.Tests;

/// <summary>One real all-MiniLM-L6-v2 encoder (CPU) shared by the encoder tests.</summary>
public sealed class BaseModelFixture : IDisposable
{
    public BaseModelFixture()
    {
        Folder = BaseModelLocator.GetMiniLM();
        Encoder = OnnxSentenceEncoder.Create(Folder, new OnnxSentenceEncoderOptions { BatchSize = 4, IntraOpThreads = 2 });
    }

    public ModelFolder Folder { get; }

    public OnnxSentenceEncoder Encoder { get; }

    public void Dispose() => Encoder.Dispose();
}
