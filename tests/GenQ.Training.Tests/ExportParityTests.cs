using System.Numerics.Tensors;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Training.Export;
using GenQ.Training.Import;
using GenQ.Training.Losses;
using GenQ.Training.Modeling;
using GenQ.Training.Optimization;
using TorchSharp.PyBridge;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GenQ.Training.Tests;

/// <summary>The exported ONNX under ONNX Runtime computes what the TorchSharp model computes.</summary>
[Collection(MiniLMCollection.Name)]
public sealed class ExportParityTests(MiniLMFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void FineTunedMiniLMExportedIntoTheBaseGraphMatchesTorchSharp()
    {
        using var model = SentenceEncoderLoader.FromModelFolder(fixture.Folder);
        TakeTrainingSteps(model, steps: 1);

        var folder = OnnxModelExporter.Export(model, fixture.Folder.ModelPath, _dir.Path, v => Manifest(v, 384));
        using var exported = OnnxSentenceEncoder.Create(folder, new OnnxSentenceEncoderOptions { PreferCuda = false });
        var texts = ParityTexts.All;
        var torch = model.Encode(texts);
        var onnx = exported.Encode(texts);

        var (cos, diff) = Assertions.AssertParity(torch, onnx, minCosine: 0.99999f, maxAbsDiff: 1e-4f);
        output.WriteLine($"exported MiniLM: worst cosine {cos:F8}, worst max-abs-diff {diff:E2}");
        var baseline = fixture.Onnx.Encode(texts);
        Assert.True(TensorPrimitives.CosineSimilarity(baseline[3], onnx[3]) < 0.99999f, "the fine-tuned weights must be in effect");
        Assert.Equal("v0001", folder.Manifest.Version);
        Assert.Equal(File.ReadAllText(fixture.Folder.VocabPath), File.ReadAllText(folder.VocabPath));
    }

    [Fact]
    public void WrittenGraphOfATinyBertMatchesTorchSharp()
    {
        var baseFolder = ModelFolder.Open(TinyBert.CreateBaseFolder(_dir.Combine("tiny")));
        using var model = SentenceEncoderLoader.FromModelFolder(baseFolder);
        using var onnx = OnnxSentenceEncoder.Create(baseFolder, new OnnxSentenceEncoderOptions { PreferCuda = false });
        var texts = ParityTexts.All.Concat(TinyBert.SyntheticPairs(16).Select(p => p.Passage)).ToArray();

        Assertions.AssertParity(model.Encode(texts, 64), onnx.Encode(texts), minCosine: 0.99999f, maxAbsDiff: 1e-4f);
    }

    [Fact]
    public void HuggingFaceSafetensorsCheckpointLoadsWithTheSameWeights()
    {
        var baseFolder = ModelFolder.Open(TinyBert.CreateBaseFolder(_dir.Combine("tiny")));
        using var model = SentenceEncoderLoader.FromModelFolder(baseFolder);
        var hf = Directory.CreateDirectory(_dir.Combine("hf")).FullName;
        model.Bert.save_safetensors(Path.Combine(hf, "model.safetensors"));
        File.Copy(baseFolder.VocabPath, Path.Combine(hf, "vocab.txt"));
        var c = TinyBert.Config;
        File.WriteAllText(Path.Combine(hf, "config.json"),
            $$"""{"architectures":["BertModel"],"hidden_act":"gelu","vocab_size":{{c.VocabSize}},"hidden_size":{{c.HiddenSize}},"num_hidden_layers":{{c.NumHiddenLayers}},"num_attention_heads":{{c.NumAttentionHeads}},"intermediate_size":{{c.IntermediateSize}},"max_position_embeddings":{{c.MaxPositionEmbeddings}},"type_vocab_size":2,"layer_norm_eps":1e-12}""");

        using var loaded = SentenceEncoderLoader.FromHuggingFace(hf);

        var texts = TinyBert.SyntheticPairs(8).Select(p => p.Query).ToArray();
        Assertions.AssertParity(model.Encode(texts, 64), loaded.Encode(texts, 64), minCosine: 0.999999f, maxAbsDiff: 1e-6f);
    }

    [Fact]
    public void BaseModelWhoseManifestDoesNotMatchItsWeightsIsRefused()
    {
        var baseFolder = ModelFolder.Open(TinyBert.CreateBaseFolder(_dir.Combine("tiny")));
        ModelFolder.WriteManifest(baseFolder.Path, baseFolder.Manifest with { EmbeddingDimension = 384 });

        var ex = Assert.Throws<InvalidDataException>(() => SentenceEncoderLoader.FromModelFolder(ModelFolder.Open(baseFolder.Path)));

        Assert.Contains("Base model mismatch", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private static void TakeTrainingSteps(SentenceEncoderModel model, int steps)
    {
        model.train();
        using var optimizer = OptimizerFactory.CreateAdamW(model.Bert, 1e-3, 0.01);
        var loss = new MultipleNegativesRankingLoss(model);
        var pairs = TinyBert.SyntheticPairs(4);
        for (var i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            loss.Forward(model.Tokenize(pairs.Select(p => p.Query).ToArray(), 16), model.Tokenize(pairs.Select(p => p.Passage).ToArray(), 32)).backward();
            optimizer.step();
        }

        model.eval();
    }

    private static ModelManifest Manifest(string version, int dim) => new()
    {
        ModelName = "test-export",
        Version = version,
        BaseModel = "all-MiniLM-L6-v2",
        CreatedUtc = DateTimeOffset.UtcNow,
        EmbeddingDimension = dim,
    };
}
