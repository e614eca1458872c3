using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;

namespace GenQ.Embeddings.Tests;

public sealed class EncoderPrecisionTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "genq-precision-" + Guid.NewGuid().ToString("N")[..8]);

    public EncoderPrecisionTests()
    {
        var source = BaseModelLocator.GetMiniLM();
        Directory.CreateDirectory(_folder);
        foreach (var file in new[] { ModelFolder.ModelFileName, ModelFolder.VocabFileName, ModelFolder.ManifestFileName })
        {
            File.Copy(Path.Combine(source.Path, file), Path.Combine(_folder, file));
        }
    }

    [Fact]
    public void Int8WithoutTheInt8FileNamesTheMissingFile()
    {
        var folder = ModelFolder.Open(_folder);
        var error = Assert.Throws<FileNotFoundException>(() => EncoderModelFiles.Resolve(folder, EncoderPrecision.Int8));
        Assert.Contains(EncoderModelFiles.Int8ModelFileName, error.Message, StringComparison.Ordinal);
        Assert.Contains(_folder, error.Message, StringComparison.Ordinal);
        Assert.Equal(folder.ModelPath, EncoderModelFiles.Resolve(folder, EncoderPrecision.Int8WhenPresent));
        Assert.Equal(folder.ModelPath, EncoderModelFiles.Resolve(folder, EncoderPrecision.Fp32));
    }

    [Fact]
    public void Int8PicksTheInt8FileWhenItIsThere()
    {
        var folder = ModelFolder.Open(_folder);
        // Any loadable ONNX file serves to show which file is opened; the quantiser's own tests cover the int8 content.
        File.Copy(folder.ModelPath, EncoderModelFiles.Int8ModelPath(folder));
        using var encoder = OnnxSentenceEncoder.Create(folder, new OnnxSentenceEncoderOptions { PreferCuda = false, Precision = EncoderPrecision.Int8 });
        Assert.Equal(EncoderModelFiles.Int8ModelPath(folder), encoder.ModelPath);
        Assert.Equal(EncoderModelFiles.Int8ModelPath(folder), EncoderModelFiles.Resolve(folder, EncoderPrecision.Int8WhenPresent));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
