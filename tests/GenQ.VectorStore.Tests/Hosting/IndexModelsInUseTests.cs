using GenQ.Contracts.Models;
using GenQ.VectorStore.Embedded;
using GenQ.VectorStore.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GenQ.VectorStore.Tests.Hosting;

public sealed class IndexModelsInUseTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task TheLiveAndThePreviousVersionAreInUseNeitherAnOlderNorABuild()
    {
        var index = new EmbeddedVectorIndex(new VectorStoreOptions { DataDirectory = _directory.Path });
        var vectors = TestVectors.RandomUnit(4, 8, seed: 90);
        foreach (var version in new[] { "v1", "v2", "v3" })
        {
            await index.CreateVersionAsync("inuse", version, 8);
            await index.UpsertAsync("inuse", version, TestVectors.Points(vectors));
            await index.PublishVersionAsync("inuse", version);
        }
        await index.CreateVersionAsync("inuse", "v4", 8);

        var inUse = await new IndexModelsInUse(index).GetAsync("inuse", CancellationToken.None);

        // v3 went live last, so v2 is the rollback target; v1 is only kept by pruning, v4 is still building.
        Assert.Equal(["v2", "v3"], inUse.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AddVectorIndexMakesTheIndexTheModelsInUseWhateverWasRegisteredBefore()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IModelsInUse, NothingInUse>(); // as the model store's default would be, registered first

        services.AddVectorIndex(configuration, _directory.Path);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<IndexModelsInUse>(provider.GetRequiredService<IModelsInUse>());
        Assert.Single(services, d => d.ServiceType == typeof(IModelsInUse));
    }

    private sealed class NothingInUse : IModelsInUse
    {
        public Task<IReadOnlyCollection<string>> GetAsync(string corpus, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyCollection<string>>([]);
    }
}
