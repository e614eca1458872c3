using GenQ.Contracts.Models;
using GenQ.Embeddings.Models;

namespace GenQ.Embeddings.Tests;

public sealed class ModelManifestHybridTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("genq-manifest-hybrid-").FullName;

    private string ManifestPath => Path.Combine(_dir, ModelFolder.ManifestFileName);

    private static ModelManifest Manifest(ModelHybridSettings? hybrid) => new()
    {
        ModelName = "m",
        Version = "v0001",
        BaseModel = "base",
        CreatedUtc = new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.Zero),
        EmbeddingDimension = 8,
        Hybrid = hybrid,
    };

    [Fact]
    public void HybridSectionRoundTrips()
    {
        var hybrid = new ModelHybridSettings
        {
            Method = "weighted",
            Alpha = 0.7,
            RrfK = null,
            HeldOutQueries = 412,
            MrrAt10 = 0.6625,
            Candidates = new Dictionary<string, double> { ["rrf:60"] = 0.61, ["weighted:0.7"] = 0.6625 },
            PositiveTextSwap = true,
        };
        ModelFolder.WriteManifest(_dir, Manifest(hybrid));

        var read = ModelFolder.ReadManifest(ManifestPath).Hybrid;

        Assert.NotNull(read);
        Assert.Equal(("weighted", 0.7, (int?)null, true, 412, 0.6625, true), (read.Method, read.Alpha!.Value, read.RrfK, read.Tuned, read.HeldOutQueries, read.MrrAt10!.Value, read.PositiveTextSwap));
        Assert.Equal(hybrid.Candidates, read.Candidates);
        Assert.Contains("\"hybrid\"", File.ReadAllText(ManifestPath), StringComparison.Ordinal);
    }

    [Fact]
    public void ManifestWithoutTheSectionStaysWithoutIt()
    {
        ModelFolder.WriteManifest(_dir, Manifest(null));

        Assert.DoesNotContain("hybrid", File.ReadAllText(ManifestPath), StringComparison.Ordinal);
        Assert.Null(ModelFolder.ReadManifest(ManifestPath).Hybrid);
    }

    [Fact]
    public void FormatVersionOneManifestWrittenBeforeHybridIsStillRead()
    {
        File.WriteAllText(ManifestPath, """
            {"formatVersion": 1, "modelName": "all-MiniLM-L6-v2", "version": "base", "baseModel": "sentence-transformers/all-MiniLM-L6-v2",
             "createdUtc": "2026-11-20T10:00:00+00:00", "embeddingDimension": 384, "maxSequenceLength": 256, "pooling": "mean"}
            """);

        var read = ModelFolder.ReadManifest(ManifestPath);

        Assert.Equal(384, read.EmbeddingDimension);
        Assert.Null(read.Hybrid);
    }

    /// <summary>
    /// A manifest with a tuned hybrid section as the trainer wrote it before the section moved to GenQ.Contracts: it
    /// still reads, and writing it back gives the same bytes (existing model folders and their readers keep working).
    /// </summary>
    [Fact]
    public void ManifestWithHybridSectionWrittenBeforeStillReadsAndWritesTheSameBytes()
    {
        const string written = """
            {
              "formatVersion": 1,
              "modelName": "genq-time",
              "version": "v0001",
              "baseModel": "all-MiniLM-L6-v2",
              "runId": "r1",
              "createdUtc": "2026-11-27T15:00:00+00:00",
              "embeddingDimension": 384,
              "maxSequenceLength": 256,
              "lowerCase": true,
              "pooling": "mean",
              "normalize": true,
              "hybrid": {
                "method": "weighted",
                "alpha": 0.3,
                "tuned": true,
                "heldOutQueries": 127,
                "mrrAt10": 0.8125,
                "candidates": {
                  "rrf:60": 0.75,
                  "weighted:0.3": 0.8125
                },
                "positiveTextSwap": true,
                "excludedCopies": 4,
                "best": "weighted:0.3",
                "gainOverRrf": 0.0625,
                "pValue": 0.01
              }
            }
            """;
        File.WriteAllText(ManifestPath, written);

        var read = ModelFolder.ReadManifest(ManifestPath);
        ModelFolder.WriteManifest(_dir, read);

        Assert.Equal(("weighted", 0.3, 127, "weighted:0.3"), (read.Hybrid!.Method, read.Hybrid.Alpha!.Value, read.Hybrid.HeldOutQueries, read.Hybrid.Best));
        Assert.Equal(written.ReplaceLineEndings("\n"), File.ReadAllText(ManifestPath).ReplaceLineEndings("\n"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
