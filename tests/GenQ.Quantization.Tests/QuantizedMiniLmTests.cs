using System.Numerics.Tensors;
using GenQ.Embeddings.Inference;
using Xunit.Abstractions;

namespace GenQ.Quantization.Tests;

/// <summary>The int8 copy of the real all-MiniLM-L6-v2 against the fp32 original, both on ONNX Runtime's CPU provider.</summary>
public sealed class QuantizedMiniLmTests(QuantizedMiniLmFixture fixture, ITestOutputHelper output) : IClassFixture<QuantizedMiniLmFixture>
{
    [Fact]
    public void QuantisedFolderLoadsInTheUnchangedEncoderAndDescribesItsSource()
    {
        var info = QuantizationInfo.Read(fixture.Quantized.Path);
        output.WriteLine($"MatMuls quantised {info.MatMulsQuantized}, biases folded {info.BiasesFolded}, kept float {info.MatMulsKeptFloat}, embedding tables {info.EmbeddingTablesQuantized}");

        Assert.Equal("CPU", fixture.Int8.ExecutionProvider);
        Assert.Equal(384, fixture.Int8.Dimension);
        Assert.Equal(fixture.Source.Manifest.Version + "-int8", fixture.Quantized.Manifest.Version);
        Assert.Equal(fixture.Source.Manifest.ModelName, fixture.Quantized.Manifest.ModelName);
        var section = fixture.Quantized.Manifest.Quantization!;
        Assert.Equal("dynamic-int8", section.Method);
        Assert.Equal(fixture.Source.Path, section.SourcePath);
        Assert.Equal(fixture.Source.Manifest.Version, section.SourceVersion);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(fixture.Source.ModelPath))), section.SourceSha256);
        Assert.Equal(fixture.Source.Manifest.TrainingSettings, fixture.Quantized.Manifest.TrainingSettings); // the source's settings, nothing added
        Assert.Equal(fixture.Source.Path, info.SourcePath);
        Assert.Equal(File.ReadAllBytes(fixture.Source.VocabPath), File.ReadAllBytes(fixture.Quantized.VocabPath));

        // 6 layers x (Q, K, V, attention output, FFN in, FFN out) all take a constant weight; the 12 attention
        // MatMuls (scores, context) multiply two activations and stay float.
        Assert.True(info.MatMulsQuantized >= 36, $"only {info.MatMulsQuantized} MatMuls quantised");
        Assert.Equal(info.MatMulsQuantized, info.BiasesFolded);
        Assert.Equal(12, info.MatMulsKeptFloat);
        Assert.True(info.EmbeddingTablesQuantized >= 1);
    }

    [Fact]
    public void QuantisedFileIsAtMostAThirdOfTheFloatFile()
    {
        var source = new FileInfo(fixture.Source.ModelPath).Length;
        var quantized = new FileInfo(fixture.Quantized.ModelPath).Length;
        output.WriteLine($"model.onnx: fp32 {source / 1048576.0:F1} MiB, int8 {quantized / 1048576.0:F1} MiB ({(double)quantized / source:P1})");
        Assert.Equal(quantized, QuantizationInfo.Read(fixture.Quantized.Path).QuantizedModelBytes);
        Assert.True(quantized < source / 3, $"int8 file {quantized} bytes is not under a third of {source}");
    }

    [Fact]
    public void EmbeddingsStayCloseToTheFloatModel()
    {
        var texts = VariedTexts.All;
        var reference = fixture.Float.Encode(texts);
        var quantized = fixture.Int8.Encode(texts);
        var cosines = texts.Select((_, i) => TensorPrimitives.CosineSimilarity(reference[i], quantized[i])).ToArray();
        var worst = Array.IndexOf(cosines, cosines.Min());
        output.WriteLine($"cosine(fp32, int8) over {texts.Length} texts: mean {cosines.Average():F4}, min {cosines.Min():F4} ('{texts[worst]}'), max {cosines.Max():F4}");

        Assert.Equal(64, texts.Length);
        Assert.All(quantized, v => Assert.Equal(1f, TensorPrimitives.Norm(v), 3));
        Assert.True(cosines.Average() >= 0.99f, $"mean cosine {cosines.Average():F4} < 0.99");

        // Texts of at least three words stay at >= 0.98. One- or two-token texts ("ok", "?") measured 0.96-0.97:
        // with so few tokens, the per-tensor activation range of each layer is set by [CLS]/[SEP] outliers.
        for (var i = 0; i < texts.Length; i++)
        {
            var minimum = texts[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3 ? 0.98f : 0.95f;
            Assert.True(cosines[i] >= minimum, $"cosine {cosines[i]:F4} < {minimum} for '{texts[i]}'");
        }
    }

    [Fact]
    public void QuantisedModelRanksPassagesLikeTheFloatModel()
    {
        // Queries 0-9 of the varied texts against passages 10-19; the answered ones: query -> passage index.
        var queries = VariedTexts.All[..10];
        var passages = VariedTexts.All[10..20];
        int[] TopPassage(OnnxSentenceEncoder encoder)
        {
            var q = encoder.Encode(queries);
            var p = encoder.Encode(passages);
            return q.Select(v => Enumerable.Range(0, p.Length).MaxBy(j => TensorPrimitives.Dot(v, p[j]))).ToArray();
        }

        var reference = TopPassage(fixture.Float);
        var quantized = TopPassage(fixture.Int8);
        var answers = new Dictionary<int, int> { [0] = 0, [1] = 3, [3] = 4, [5] = 5, [6] = 6, [7] = 7, [8] = 8, [9] = 9 };
        Assert.All(answers, a => Assert.Equal(a.Value, reference[a.Key]));
        Assert.Equal(reference, quantized);
    }

    [Fact]
    public void PerTensorWeightsLoadButPerColumnScalesAreCloser()
    {
        var folder = DynamicInt8Quantizer.QuantizeDynamicInt8(
            fixture.Source, fixture.NewPath("per-tensor"), new DynamicQuantizationOptions { PerColumn = false, QuantizeEmbeddings = false });
        using var encoder = OnnxSentenceEncoder.Create(folder, QuantizedMiniLmFixture.Options);
        var texts = VariedTexts.All[..32];
        var reference = fixture.Float.Encode(texts);
        var perTensor = encoder.Encode(texts).Select((v, i) => TensorPrimitives.CosineSimilarity(reference[i], v)).ToArray();
        var perColumn = fixture.Int8.Encode(texts).Select((v, i) => TensorPrimitives.CosineSimilarity(reference[i], v)).ToArray();
        output.WriteLine($"mean cosine to fp32: per-tensor {perTensor.Average():F4} (min {perTensor.Min():F4}), per-column {perColumn.Average():F4} (min {perColumn.Min():F4})");

        var info = QuantizationInfo.Read(folder.Path);
        Assert.Contains("per-tensor", info.WeightScheme);
        Assert.Equal("float32 (not quantised)", info.EmbeddingScheme);
        Assert.True(perTensor.Average() >= 0.9f, $"per-tensor mean cosine {perTensor.Average():F4}");
        Assert.True(perColumn.Average() > perTensor.Average());
    }
}
