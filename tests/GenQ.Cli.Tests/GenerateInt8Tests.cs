using GenQ.Quantization.T5;

namespace GenQ.Cli.Tests;

/// <summary><c>genq generate --int8</c> loads the model folder's *_quantized.onnx graphs, and says which files are missing when there are none.</summary>
public sealed class GenerateInt8Tests(CliTestData data) : IClassFixture<CliTestData>
{
    [Fact]
    public async Task Int8LoadsTheQuantisedGraphsAndNamesTheGenerator()
    {
        var model = data.NewFolder("t5-int8");
        foreach (var file in Directory.GetFiles(data.T5Path))
        {
            File.Copy(file, Path.Combine(model, Path.GetFileName(file)));
        }

        T5DynamicInt8Quantizer.Quantize(model);
        var output = data.NewFolder("int8-out");

        (await CliRun.RunAsync("generate", "--model", model, "--corpus", data.CorpusPath, "--out", output, "--greedy", "--max-length", "6", "--provider", "cpu", "--int8")).AssertOk();

        var files = GeneratedFiles.Read(output);
        files.AssertConsistent(data.Passages.ToList());
        Assert.Equal($"t5:{Path.GetFileName(model)}:int8", files.Info.Generator);
    }

    [Fact]
    public async Task Int8WithoutQuantisedGraphsFailsNamingTheFile()
    {
        var run = await CliRun.RunAsync("generate", "--model", data.T5Path, "--corpus", data.CorpusPath, "--out", data.NewFolder("int8-missing"), "--provider", "cpu", "--int8");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("encoder_model_quantized.onnx", run.Out + run.Error, StringComparison.Ordinal);
    }
}
