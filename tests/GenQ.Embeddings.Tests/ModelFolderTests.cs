using GenQ.Embeddings.Models;

namespace GenQ.Embeddings.Tests;

public sealed class ModelFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("genq-folder-").FullName;

    [Fact]
    public void MissingFileIsNamed()
    {
        File.WriteAllText(Path.Combine(_dir, ModelFolder.VocabFileName), "[PAD]\n");
        var ex = Assert.Throws<FileNotFoundException>(() => ModelFolder.Open(_dir));
        Assert.Contains(ModelFolder.ModelFileName, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidManifestNamesFileAndLine()
    {
        File.WriteAllText(Path.Combine(_dir, ModelFolder.ModelFileName), "x");
        File.WriteAllText(Path.Combine(_dir, ModelFolder.VocabFileName), "[PAD]\n");
        File.WriteAllText(Path.Combine(_dir, ModelFolder.ManifestFileName), "{\n  \"modelName\": \"m\",\n  \"embeddingDimension\": \"wide\"\n}");
        var ex = Assert.Throws<InvalidDataException>(() => ModelFolder.Open(_dir));
        Assert.Contains(ModelFolder.ManifestFileName, ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManifestRoundTrips()
    {
        var manifest = new ModelManifest
        {
            ModelName = "m",
            Version = "v0001",
            BaseModel = "base",
            RunId = "run-1",
            CreatedUtc = new DateTimeOffset(2026, 11, 27, 13, 0, 0, TimeSpan.Zero),
            EmbeddingDimension = 8,
            TrainingSettings = new Dictionary<string, string> { ["epochs"] = "1" },
            Metrics = new Dictionary<string, double> { ["finalLoss"] = 0.25 },
        };
        ModelFolder.WriteManifest(_dir, manifest);

        var read = ModelFolder.ReadManifest(Path.Combine(_dir, ModelFolder.ManifestFileName));

        Assert.Equal(manifest.RunId, read.RunId);
        Assert.Equal(manifest.CreatedUtc, read.CreatedUtc);
        Assert.Equal("1", read.TrainingSettings!["epochs"]);
        Assert.Equal(0.25, read.Metrics!["finalLoss"]);
        Assert.Contains("\"training\"", File.ReadAllText(Path.Combine(_dir, ModelFolder.ManifestFileName)), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
