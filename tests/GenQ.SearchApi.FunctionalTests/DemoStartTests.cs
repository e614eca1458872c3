using GenQ.SearchApi.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>Every replica of the API tries the demo ingest at start; only one may start it.</summary>
public sealed class DemoStartTests(SearchApiFixture api) : IClassFixture<SearchApiFixture>
{
    [Fact]
    public async Task ReplicasStartingAtOnceIngestTheDemoOnce()
    {
        var demo = api.Services.GetRequiredService<DemoIngestion>();

        var started = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(demo.StartIfMissingAsync)));

        var run = Assert.Single(started, r => r is not null);
        Assert.Equal("dotnet-api", run!.Corpus);
        Assert.Null(await demo.StartIfMissingAsync()); // the corpus exists now: a restart does not ingest it again
    }
}
