using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Training.Import;
using GenQ.Training.Modeling;

namespace GenQ.Training.Tests;

/// <summary>The real all-MiniLM-L6-v2: its model folder, its ONNX Runtime encoder and its TorchSharp import.</summary>
public sealed class MiniLMFixture : IDisposable
{
    public MiniLMFixture()
    {
        TorchSharp.torch.set_num_threads(2);
        Folder = BaseModelLocator.GetMiniLM();
        Onnx = OnnxSentenceEncoder.Create(Folder, new OnnxSentenceEncoderOptions { PreferCuda = false, BatchSize = 16 });
        Torch = SentenceEncoderLoader.FromModelFolder(Folder);
    }

    public ModelFolder Folder { get; }

    public OnnxSentenceEncoder Onnx { get; }

    public SentenceEncoderModel Torch { get; }

    public void Dispose()
    {
        Onnx.Dispose();
        Torch.Dispose();
    }
}
