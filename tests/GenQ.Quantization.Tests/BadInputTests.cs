namespace GenQ.Quantization.Tests;

/// <summary>Every input the quantiser cannot handle fails with a message that names the file or folder, and writes nothing.</summary>
public sealed class BadInputTests(QuantizedMiniLmFixture fixture) : IClassFixture<QuantizedMiniLmFixture>
{
    [Fact]
    public void MissingSourceFolderIsNamed()
    {
        var missing = fixture.NewPath("does-not-exist");
        var destination = fixture.NewPath("out");
        var ex = Assert.Throws<DirectoryNotFoundException>(() => DynamicInt8Quantizer.QuantizeDynamicInt8(missing, destination));
        Assert.Contains(missing, ex.Message);
        Assert.False(Directory.Exists(destination));
    }

    [Fact]
    public void FolderWithoutModelFileIsNamed()
    {
        var path = fixture.NewPath("no-model");
        Directory.CreateDirectory(path);
        TinyModels.WriteVocabAndManifest(path);
        var ex = Assert.Throws<FileNotFoundException>(() => DynamicInt8Quantizer.QuantizeDynamicInt8(path, fixture.NewPath("out")));
        Assert.Contains("model.onnx", ex.Message);
    }

    [Fact]
    public void NonBertModelIsRejectedWithItsInputsAndOutputs()
    {
        var source = TinyModels.Folder(fixture.NewPath("linear"), TinyModels.LinearLayer());
        var destination = fixture.NewPath("out");
        var ex = Assert.Throws<InvalidDataException>(() => DynamicInt8Quantizer.QuantizeDynamicInt8(source, destination));
        Assert.Contains("is not a BERT sentence encoder", ex.Message);
        Assert.Contains(source.ModelPath, ex.Message);
        Assert.Contains("inputs [x]", ex.Message);
        Assert.False(Directory.Exists(destination));
    }

    [Fact]
    public void EncoderWithoutWeightMatricesIsRejected()
    {
        var source = TinyModels.Folder(fixture.NewPath("no-weights"), TinyModels.EncoderWithoutWeights());
        var ex = Assert.Throws<InvalidDataException>(() => DynamicInt8Quantizer.QuantizeDynamicInt8(source, fixture.NewPath("out")));
        Assert.Contains("has no MatMul with a constant float weight matrix", ex.Message);
        Assert.Contains(source.ModelPath, ex.Message);
    }

    [Fact]
    public void CorruptModelFileIsNamed()
    {
        var path = fixture.NewPath("corrupt");
        Directory.CreateDirectory(path);
        File.WriteAllBytes(Path.Combine(path, "model.onnx"), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01, 0x02]);
        var source = TinyModels.WithVocabAndManifest(path);
        var ex = Assert.Throws<InvalidDataException>(() => DynamicInt8Quantizer.QuantizeDynamicInt8(source, fixture.NewPath("out")));
        Assert.Contains("is not a valid ONNX model", ex.Message);
        Assert.Contains(source.ModelPath, ex.Message);
    }

    [Fact]
    public void AlreadyQuantisedFolderIsRejected()
    {
        var ex = Assert.Throws<InvalidDataException>(() => DynamicInt8Quantizer.QuantizeDynamicInt8(fixture.Quantized, fixture.NewPath("out")));
        Assert.Contains("already quantised", ex.Message);
        Assert.Contains(fixture.Quantized.ManifestPath, ex.Message);
    }

    [Fact]
    public void FolderQuantisedBeforeTheManifestHadAQuantizationSectionIsRejected()
    {
        // Manifests written before the typed section marked a quantised model with a "quantization" key in the
        // training map (written here by hand, as those manifests are on disk).
        var path = fixture.NewPath("legacy-int8");
        Directory.CreateDirectory(path);
        File.Copy(fixture.Quantized.ModelPath, Path.Combine(path, "model.onnx"));
        File.Copy(fixture.Quantized.VocabPath, Path.Combine(path, "vocab.txt"));
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(fixture.Quantized.ManifestPath))!.AsObject();
        manifest.Remove("quantization");
        manifest["training"] = new System.Text.Json.Nodes.JsonObject { ["quantization"] = "dynamic-int8" };
        File.WriteAllText(Path.Combine(path, "manifest.json"), manifest.ToJsonString());
        var legacy = Embeddings.Models.ModelFolder.Open(path);
        Assert.Null(legacy.Manifest.Quantization);

        var destination = fixture.NewPath("out");
        var ex = Assert.Throws<InvalidDataException>(() => DynamicInt8Quantizer.QuantizeDynamicInt8(legacy, destination));
        Assert.Contains("already quantised", ex.Message);
        Assert.False(Directory.Exists(destination));
    }

    [Fact]
    public void NonEmptyDestinationIsLeftAlone()
    {
        var destination = fixture.NewPath("occupied");
        Directory.CreateDirectory(destination);
        File.WriteAllText(Path.Combine(destination, "keep.txt"), "mine");
        var ex = Assert.Throws<IOException>(() => DynamicInt8Quantizer.QuantizeDynamicInt8(fixture.Source, destination));
        Assert.Contains(destination, ex.Message);
        Assert.Equal(["keep.txt"], Directory.GetFiles(destination).Select(Path.GetFileName));
    }

    [Fact]
    public void InvalidOptionIsNamed()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => DynamicInt8Quantizer.QuantizeDynamicInt8(
            fixture.Source, fixture.NewPath("out"), new DynamicQuantizationOptions { MinimumEmbeddingElements = 0 }));
        Assert.Equal(nameof(DynamicQuantizationOptions.MinimumEmbeddingElements), ex.ParamName);
    }
}
