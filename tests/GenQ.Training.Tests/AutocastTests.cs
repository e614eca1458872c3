using GenQ.Embeddings.Models;
using GenQ.Training.Import;
using GenQ.Training.Losses;
using GenQ.Training.Modeling;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GenQ.Training.Tests;

/// <summary>bf16 mixed precision (<see cref="Autocast"/>): matmuls in bf16, everything the optimiser sees in float32.</summary>
[Collection(MiniLMCollection.Name)]
public sealed class AutocastTests(MiniLMFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void LinearRunsInBf16InsideTheScopeAndFloat32Outside()
    {
        using var layer = nn.Linear(8, 4);
        using var input = randn(3, 8);

        using (Autocast.Enable(ScalarType.BFloat16))
        {
            using var inside = Autocast.Linear(layer, input);
            Assert.Equal(ScalarType.BFloat16, inside.dtype);
            Assert.Equal(ScalarType.BFloat16, Autocast.Dtype);
        }

        using var outside = Autocast.Linear(layer, input);
        Assert.Equal(ScalarType.Float32, outside.dtype);
        Assert.Null(Autocast.Dtype);
        Assert.Equal(ScalarType.Float32, layer.weight!.dtype); // the master weight is never converted
    }

    [Fact]
    public void OnlyLowPrecisionDtypesAreAccepted()
    {
        var ex = Assert.Throws<ArgumentException>(() => Autocast.Enable(ScalarType.Float64));

        Assert.Contains("Float64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bf16EmbeddingsOfMiniLMStayCloseToFloat32()
    {
        var texts = ParityTexts.All; // varied lengths, so batches are padded and the attention mask is exercised
        var fp32 = fixture.Torch.Encode(texts);
        float[][] bf16;
        using (Autocast.Enable(ScalarType.BFloat16))
        {
            bf16 = fixture.Torch.Encode(texts);
        }

        // bf16 keeps 8 bits of mantissa: close, but clearly not the fp32 result (which the parity tests pin to ONNX).
        var (cos, diff) = Assertions.AssertParity(fp32, bf16, minCosine: 0.995f, maxAbsDiff: 0.05f);
        output.WriteLine($"bf16 vs fp32: worst cosine {cos:F6}, worst max-abs-diff {diff:E2}");
        Assert.True(diff > 0, "bf16 run gave bit-identical embeddings: autocast did nothing");
    }

    [Fact]
    public void GradientsArriveInFloat32OnEveryParameterAndPointTheSameWayAsFloat32()
    {
        var baseFolder = TinyBert.CreateBaseFolder(_dir.Combine("tiny"));
        using var model = SentenceEncoderLoader.FromModelFolder(ModelFolder.Open(baseFolder));
        model.train(false); // no dropout: the two passes must differ only by precision
        var pairs = TinyBert.SyntheticPairs(6);
        var loss = new MultipleNegativesRankingLoss(model);

        var fp32 = Gradients(model, loss, pairs, autocast: null);
        var bf16 = Gradients(model, loss, pairs, autocast: ScalarType.BFloat16);

        Assert.Equal(fp32.Keys, bf16.Keys);
        foreach (var (name, grad) in bf16)
        {
            Assert.Equal(ScalarType.Float32, grad.dtype);
            Assert.True(isfinite(grad).all().item<bool>(), $"{name}: non-finite gradient");
            using var cos = nn.functional.cosine_similarity(grad.flatten(), fp32[name].flatten(), dim: 0);
            if (fp32[name].abs().max().item<float>() > 1e-6f)
            {
                Assert.True(cos.item<float>() > 0.97f, $"{name}: bf16 gradient cosine {cos.item<float>():F4} to fp32");
            }
        }
    }

    private static Dictionary<string, Tensor> Gradients(SentenceEncoderModel model, MultipleNegativesRankingLoss loss, List<Training.TrainingPair> pairs, ScalarType? autocast)
    {
        model.zero_grad();
        var queries = model.Tokenize(pairs.Select(p => p.Query).ToArray(), 16);
        var passages = model.Tokenize(pairs.Select(p => p.Passage).ToArray(), 32);
        Tensor value;
        using (Autocast.Enable(autocast))
        {
            value = loss.Forward(queries, passages);
        }

        Assert.Equal(ScalarType.Float32, value.dtype);
        value.backward();
        return model.Bert.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.detach().clone());
    }

    public void Dispose() => _dir.Dispose();
}
