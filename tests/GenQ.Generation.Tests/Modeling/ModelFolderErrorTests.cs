using System.Text.Json.Nodes;
using GenQ.Generation.Modeling;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenQ.Generation.Tests.Modeling;

public sealed class ModelFolderErrorTests(TinyT5Models models) : IClassFixture<TinyT5Models>
{
    [Fact]
    public void MissingFolderIsNamed()
    {
        var missing = Path.Combine(models.Root, "no-such-model");
        var error = Assert.Throws<DirectoryNotFoundException>(() => Load(missing));
        Assert.Contains(missing, error.Message);
    }

    [Theory]
    [InlineData("encoder_model.onnx")]
    [InlineData("config.json")]
    [InlineData("spiece.model")]
    public void MissingRequiredFileIsNamed(string file)
    {
        var folder = CopyWithout(models.Separate, file);
        var error = Assert.Throws<FileNotFoundException>(() => Load(folder));
        Assert.Contains($"'{file}'", error.Message);
    }

    [Fact]
    public void MissingWithPastDecoderIsNamedWithTheAlternatives()
    {
        var folder = CopyWithout(models.Separate, "decoder_with_past_model.onnx");
        var error = Assert.Throws<FileNotFoundException>(() => Load(folder));
        Assert.Contains("'decoder_with_past_model.onnx'", error.Message);
        Assert.Contains("decoder_model_merged.onnx", error.Message);
    }

    [Fact]
    public void MergedDecoderAloneIsEnough()
    {
        using var model = Load(models.Merged);
        Assert.Equal("decoder_model_merged.onnx", model.DecoderFiles);
        Assert.Equal(2, model.Config.DecoderLayers);
    }

    [Fact]
    public void ConfigWithoutAFieldNamesFileAndField()
    {
        var folder = CopyWithout(models.Separate, null);
        var configPath = Path.Combine(folder, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(configPath))!.AsObject();
        config.Remove("num_heads");
        File.WriteAllText(configPath, config.ToJsonString());
        var error = Assert.Throws<InvalidDataException>(() => Load(folder));
        Assert.Contains("config.json", error.Message);
        Assert.Contains("'num_heads'", error.Message);
    }

    [Fact]
    public void InvalidJsonNamesFileAndLine()
    {
        var folder = CopyWithout(models.Separate, null);
        File.WriteAllText(Path.Combine(folder, "generation_config.json"), "{\n  \"eos_token_id\": 1,\n  oops\n}");
        var error = Assert.Throws<InvalidDataException>(() => Load(folder));
        Assert.Contains("generation_config.json", error.Message);
        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void LayerCountDisagreeingWithTheGraphIsReported()
    {
        var folder = CopyWithout(models.Separate, null);
        var configPath = Path.Combine(folder, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(configPath))!.AsObject();
        config["num_decoder_layers"] = 3;
        File.WriteAllText(configPath, config.ToJsonString());
        var error = Assert.Throws<InvalidDataException>(() => Load(folder));
        Assert.Contains("3 decoder layers", error.Message);
    }

    [Fact]
    public void CorruptOnnxFileIsNamed()
    {
        var folder = CopyWithout(models.Separate, null);
        File.WriteAllBytes(Path.Combine(folder, "encoder_model.onnx"), [1, 2, 3, 4, 5]);
        var error = Assert.Throws<InvalidDataException>(() => Load(folder));
        Assert.Contains("encoder_model.onnx", error.Message);
    }

    [Fact]
    public void CorruptMergedDecoderIsNamed()
    {
        // The merged decoder is parsed first (MergedDecoderRewrite); a file that is no ONNX graph must still be named.
        var folder = CopyWithout(models.Merged, null);
        File.WriteAllBytes(Path.Combine(folder, "decoder_model_merged.onnx"), [1, 2, 3, 4, 5]);
        var error = Assert.Throws<InvalidDataException>(() => Load(folder));
        Assert.Contains("decoder_model_merged.onnx", error.Message);
    }

    [Fact]
    public void UnknownDecoderInputIsNamed()
    {
        var folder = CopyWithout(models.Separate, null);
        var path = Path.Combine(folder, "decoder_with_past_model.onnx");
        var onnx = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        onnx.Graph.Input.Add(GenQ.Generation.Testing.Onnx.OnnxGraphBuilder.Value("cache_position", Onnx.TensorProto.Types.DataType.Int64, "1"));
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(onnx));
        var error = Assert.Throws<InvalidDataException>(() => Load(folder));
        Assert.Contains("decoder_with_past_model.onnx", error.Message);
        Assert.Contains("cache_position", error.Message);
    }

    [Fact]
    public void SpecialIdsComeFromTheFilesWithGenerationConfigFirst()
    {
        var folder = CopyWithout(models.Separate, null);
        File.WriteAllText(Path.Combine(folder, "generation_config.json"), """{"decoder_start_token_id": 5, "eos_token_id": [1, 7], "pad_token_id": 0}""");
        var config = T5ModelConfig.Load(folder);
        Assert.Equal(5, config.DecoderStartTokenId);
        Assert.Equal([1L, 7L], config.EosTokenIds);
        Assert.Equal(4, config.NumHeads);
        Assert.Equal(8, config.HeadDim);
    }

    private static T5OnnxModel Load(string folder) =>
        T5OnnxModel.Load(folder, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance);

    private string CopyWithout(string source, string? file)
    {
        var target = Path.Combine(models.Root, "copy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        foreach (var path in Directory.GetFiles(source))
        {
            if (Path.GetFileName(path) != file)
            {
                File.Copy(path, Path.Combine(target, Path.GetFileName(path)));
            }
        }

        return target;
    }
}
