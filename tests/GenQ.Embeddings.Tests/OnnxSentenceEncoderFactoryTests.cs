using GenQ.Embeddings.Inference;

namespace GenQ.Embeddings.Tests;

public sealed class OnnxSentenceEncoderFactoryTests(BaseModelFixture fixture) : IClassFixture<BaseModelFixture>
{
    [Fact]
    public void CreatesAnEncoderForAModelFolder()
    {
        ISentenceEncoderFactory factory = new OnnxSentenceEncoderFactory(new OnnxSentenceEncoderOptions { PreferCuda = false, IntraOpThreads = 1 });

        using var encoder = factory.Create(fixture.Folder.Path);

        Assert.Equal(fixture.Folder.Manifest.Version, encoder.Manifest.Version);
        // Other thread count than the fixture's encoder: equal up to float summation order.
        Assert.True(System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(fixture.Encoder.Encode(["same"])[0], encoder.Encode(["same"])[0]) > 0.99999f);
    }

    [Fact]
    public void MissingFolderIsNamed()
    {
        var factory = new OnnxSentenceEncoderFactory(new OnnxSentenceEncoderOptions());

        var ex = Assert.Throws<DirectoryNotFoundException>(() => factory.Create("/nonexistent/genq-model"));

        Assert.Contains("/nonexistent/genq-model", ex.Message, StringComparison.Ordinal);
    }
}
