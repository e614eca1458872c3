using System.Numerics.Tensors;

namespace GenQ.Embeddings.Tests;

public sealed class OnnxSentenceEncoderTests(BaseModelFixture fixture) : IClassFixture<BaseModelFixture>
{
    [Fact]
    public void EmbeddingsAreUnitLengthWithModelDimension()
    {
        var embeddings = fixture.Encoder.Encode(["A short text.", "Another, somewhat longer text about wind tunnels."]);

        Assert.All(embeddings, e =>
        {
            Assert.Equal(384, e.Length);
            Assert.Equal(1.0, TensorPrimitives.Norm(e), 4);
        });
    }

    [Fact]
    public void BatchingAndLengthSortingDoNotChangeEmbeddings()
    {
        string[] texts =
        [
            "boundary layer",
            "the pressure distribution on a slender body of revolution at supersonic speeds was measured",
            "heat transfer",
            "an experimental study of a wing in a propeller slipstream was made in order to determine the lift increase",
            "why?",
        ];

        var batched = fixture.Encoder.Encode(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            var alone = fixture.Encoder.Encode([texts[i]])[0];
            Assert.True(TensorPrimitives.CosineSimilarity(alone, batched[i]) > 0.99999f, $"text {i} changed with padding");
            var diff = new float[alone.Length];
            TensorPrimitives.Subtract(alone, batched[i], diff);
            Assert.True(TensorPrimitives.MaxMagnitude(diff) < 1e-4f);
        }
    }

    [Fact]
    public void RelatedTextsAreCloserThanUnrelatedOnes()
    {
        var e = fixture.Encoder.Encode(["How many people live in London?", "Around 9 million people live in London.", "The cat sat on the mat."]);

        Assert.True(TensorPrimitives.Dot(e[0], e[1]) > TensorPrimitives.Dot(e[0], e[2]) + 0.3f);
    }

    [Fact]
    public async Task EncodeAsyncMatchesEncodeAndHandlesEmptyInput()
    {
        var sync = fixture.Encoder.Encode(["same text"]);
        var async = await fixture.Encoder.EncodeAsync(["same text"], CancellationToken.None);

        Assert.Equal(sync[0], async[0]);
        Assert.Empty(fixture.Encoder.Encode([]));
    }

    [Fact]
    public void RunsOnCpuWhenCudaIsAbsent()
    {
        // This machine has no CUDA 13 libraries: the CUDA provider must fail to load and the encoder fall back.
        Assert.Contains(fixture.Encoder.ExecutionProvider, new[] { "CPU", "CUDA" });
        if (!File.Exists("/usr/lib/x86_64-linux-gnu/libcuda.so.1"))
        {
            Assert.Equal("CPU", fixture.Encoder.ExecutionProvider);
        }
    }

    [Fact]
    public void ConcurrentBatchesGiveTheSameEmbeddingsInInputOrder()
    {
        var texts = Enumerable.Range(0, 11).Select(i => string.Join(' ', Enumerable.Repeat("wing", i + 1)) + $" text {i}").ToArray();
        using var concurrent = GenQ.Embeddings.Inference.OnnxSentenceEncoder.Create(fixture.Folder, new GenQ.Embeddings.Inference.OnnxSentenceEncoderOptions
        {
            BatchSize = 2, IntraOpThreads = 1, ConcurrentBatches = 3, PreferCuda = false,
        });
        var expected = fixture.Encoder.Encode(texts);
        var actual = concurrent.Encode(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(expected[i], actual[i]) > 0.99999f, $"text {i} differs");
        }

        Assert.Throws<ArgumentException>(() => concurrent.Encode(["fine", null!]));
        Assert.Throws<OperationCanceledException>(() => concurrent.Encode(texts, new CancellationToken(canceled: true)));
    }
}
