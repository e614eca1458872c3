using Xunit.Abstractions;

namespace GenQ.Training.Tests;

/// <summary>The guarantee that training (TorchSharp) and serving (ONNX Runtime) compute the same embeddings.</summary>
[Collection(MiniLMCollection.Name)]
public sealed class ParityTests(MiniLMFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void TorchSharpMatchesOnnxRuntimeOnTheBaseModelFor64Texts()
    {
        var texts = ParityTexts.All;
        Assert.Equal(64, texts.Count);

        var onnx = fixture.Onnx.Encode(texts);
        var torch = fixture.Torch.Encode(texts);

        var (cos, diff) = Assertions.AssertParity(onnx, torch, minCosine: 0.99999f, maxAbsDiff: 1e-4f);
        output.WriteLine($"worst cosine {cos:F8}, worst max-abs-diff {diff:E2}");
    }

    [Fact]
    public void ImportReadsTheMiniLMShapeFromTheGraph()
    {
        var config = fixture.Torch.Bert.Config;

        Assert.Equal(12, config.NumAttentionHeads); // head size 32: read from the graph, not assumed
        Assert.Equal(6, config.NumHiddenLayers);
        Assert.Equal(384, config.HiddenSize);
        Assert.Equal(1536, config.IntermediateSize);
        Assert.Equal(30522, config.VocabSize);
    }
}
