using GenQ.Generation.Fallback;

namespace GenQ.Generation.Tests;

public sealed class QueryGeneratorFactoryTests(TinyT5Models models) : IClassFixture<TinyT5Models>
{
    [Fact]
    public void NoModelPathGivesTheFallbackAndSaysWhy()
    {
        var logs = new CapturingLoggerFactory();
        using var generator = QueryGeneratorFactory.Create(new GenerationOptions(), logs);
        Assert.IsType<InverseClozeQueryGenerator>(generator);
        Assert.Equal("fallback:inverse-cloze", generator.Name);
        Assert.Contains(logs.Lines, l => l.Contains("fallback:inverse-cloze") && l.Contains("no T5 model path configured"));
    }

    [Fact]
    public void AbsentModelFolderGivesTheFallbackUnderAuto()
    {
        var logs = new CapturingLoggerFactory();
        using var generator = QueryGeneratorFactory.Create(new GenerationOptions { ModelPath = Path.Combine(models.Root, "absent") }, logs);
        Assert.Equal("fallback:inverse-cloze", generator.Name);
        Assert.Contains(logs.Lines, l => l.Contains("not found"));
    }

    [Fact]
    public void PresentModelFolderGivesT5AndLogsTheProviderAndWhy()
    {
        var logs = new CapturingLoggerFactory();
        using var generator = QueryGeneratorFactory.Create(new GenerationOptions { ModelPath = models.Merged, IntraOpThreads = 1 }, logs);
        var t5 = Assert.IsType<T5QueryGenerator>(generator);
        Assert.Equal("t5:t5-tiny-merged", generator.Name);
        Assert.Contains(logs.Lines, l => l.Contains("t5:t5-tiny-merged"));

        // Auto tries CUDA first: on a machine without CUDA libraries the log says so and CPU runs.
        var providerLine = Assert.Single(logs.Lines, l => l.StartsWith("ONNX Runtime execution provider"));
        Assert.Contains(t5.Model.Provider, providerLine);
        Assert.Contains(t5.Model.ProviderReason, providerLine);
    }

    [Fact]
    public void DemandedT5WithoutAFolderFailsNamingIt()
    {
        var missing = Path.Combine(models.Root, "absent");
        var error = Assert.Throws<DirectoryNotFoundException>(() =>
            QueryGeneratorFactory.Create(new GenerationOptions { Generator = GeneratorKind.T5, ModelPath = missing }, new CapturingLoggerFactory()));
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void InvalidOptionsAreNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => new GenerationOptions { TopP = 1.5 }.Validate());
        Assert.Contains("TopP", error.Message);
    }
}
