using GenQ.VectorStore.Embedded;
using GenQ.VectorStore.Model;
using GenQ.VectorStore.Qdrant;
using GenQ.VectorStore.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GenQ.VectorStore.Tests.Hosting;

public sealed class VectorStoreExtensionsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void WithoutQdrantTheEmbeddedIndexIsUsedUnderTheContentRoot()
    {
        using var services = Build(new Dictionary<string, string?> { ["VectorStoreOptions:DataDirectory"] = "idx" });

        var index = services.GetRequiredService<IVectorIndex>();

        Assert.IsType<EmbeddedVectorIndex>(index);
        Assert.Equal(VectorIndexBackendKind.Embedded, index.Backend.Kind);
        Assert.Equal(Path.Combine(_directory.Path, "idx"), index.Backend.Location);
        Assert.Contains("no Qdrant endpoint configured", index.Backend.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AQdrantConnectionStringSelectsQdrant()
    {
        using var services = Build(new Dictionary<string, string?> { ["ConnectionStrings:qdrant"] = "Endpoint=http://127.0.0.1:6334;Key=s3cret" });

        var index = services.GetRequiredService<IVectorIndex>();

        Assert.IsType<QdrantVectorIndex>(index);
        Assert.Equal("http://127.0.0.1:6334", index.Backend.Location);
        Assert.Equal("connection string 'qdrant' is set", index.Backend.Reason);
    }

    [Fact]
    public async Task TheRegisteredQdrantIndexWorksEndToEndThroughTheConnectionString()
    {
        await using var server = await GenQ.Testing.QdrantStandIn.QdrantStandInServer.StartAsync();
        using var services = Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:qdrant"] = $"Endpoint={server.Address.GetLeftPart(UriPartial.Authority)}",
            ["VectorStoreOptions:UpsertBatchSize"] = "3",
        });
        var index = services.GetRequiredService<IVectorIndex>();
        var vectors = TestVectors.RandomUnit(10, 4, seed: 80);

        await index.CreateVersionAsync("di", "v1", 4);
        await index.UpsertAsync("di", "v1", TestVectors.Points(vectors));
        await index.PublishVersionAsync("di", "v1");
        var result = await index.SearchAsync(new VectorSearchRequest("di", vectors[4], 1));

        Assert.Equal("p4", result.Hits[0].PassageId);
        Assert.Equal(["genq.di.v1"], server.State.CollectionNames());
    }

    [Fact]
    public void TheEndpointOptionWinsOverTheConnectionString()
    {
        var selection = VectorIndexSelection.Choose(new VectorStoreOptions { QdrantEndpoint = "http://a:1" }, "http://b:2", "qdrant", "/");

        Assert.Equal(VectorIndexBackendKind.Qdrant, selection.Kind);
        Assert.Equal(new Uri("http://a:1"), selection.Qdrant!.Endpoint);
    }

    [Fact]
    public void InvalidSettingsFailWithTheSettingName()
    {
        using var services = Build(new Dictionary<string, string?> { ["VectorStoreOptions:UpsertBatchSize"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<VectorStoreOptions>>().Value);
        Assert.Contains("VectorStoreOptions:UpsertBatchSize must be 1-100000", error.Message, StringComparison.Ordinal);
        var badEndpoint = Assert.Throws<InvalidOperationException>(() =>
            VectorIndexSelection.Choose(new VectorStoreOptions(), "not a uri", "qdrant", "/"));
        Assert.Contains("ConnectionStrings:qdrant is invalid", badEndpoint.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddVectorIndex(configuration, _directory.Path);
        return services.BuildServiceProvider();
    }
}
