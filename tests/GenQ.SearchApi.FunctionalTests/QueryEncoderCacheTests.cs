using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.ModelStore.Local;
using GenQ.Runs;
using GenQ.SearchApi.Search;
using GenQ.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>How the search API loads query encoders: gated to one encoding per core unless told otherwise.</summary>
public sealed class QueryEncoderCacheTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private ModelRegistry _registry = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _registry = new ModelRegistry(await _redis.ConnectAsync());
        await _registry.RegisterAsync("docs", "v1", BaseModelLocator.GetMiniLM().Path);
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task ByDefaultEncodingsAreGatedAndTheGateKeepsTheVectors()
    {
        using var cache = new QueryEncoderCache(new LocalModelStore(_registry), NullLogger<QueryEncoderCache>.Instance, new QueryEncodingOptions { PreferCuda = false, Precision = EncoderPrecision.Fp32 });

        var encoder = await cache.GetAsync("docs", "v1");

        Assert.IsType<ConcurrencyLimitedSentenceEncoder>(Assert.IsType<CachedQueryEncoder>(encoder).Inner);
        using var plain = OnnxSentenceEncoder.Create(BaseModelLocator.GetMiniLM(), new OnnxSentenceEncoderOptions { PreferCuda = false, IntraOpThreads = 1, BatchSize = 32 });
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => encoder.EncodeAsync([$"wing lift question {i}"])));
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(plain.Encode([$"wing lift question {i}"])[0], results[i][0]); // each caller gets its own vector
        }
    }

    [Fact]
    public async Task ZeroMeansNoLimit()
    {
        using var cache = new QueryEncoderCache(new LocalModelStore(_registry), NullLogger<QueryEncoderCache>.Instance,
            new QueryEncodingOptions { PreferCuda = false, Precision = EncoderPrecision.Fp32, MaxConcurrentEncodings = 0 });

        Assert.IsType<OnnxSentenceEncoder>(Assert.IsType<CachedQueryEncoder>(await cache.GetAsync("docs", "v1")).Inner);
    }

    [Fact]
    public async Task VersionsGoingLiveOneAfterAnotherKeepAtMostTheBoundLoadedAndReleaseTheRest()
    {
        const int versions = 6;
        for (var v = 2; v <= versions; v++)
        {
            await _registry.RegisterAsync("docs", $"v{v}", BaseModelLocator.GetMiniLM().Path);
        }
        using var cache = new QueryEncoderCache(new LocalModelStore(_registry), NullLogger<QueryEncoderCache>.Instance,
            new QueryEncodingOptions { PreferCuda = false, Precision = EncoderPrecision.Fp32 }, retireGrace: TimeSpan.Zero);

        var loaded = new List<CachedQueryEncoder>();
        for (var v = 1; v <= versions; v++)
        {
            loaded.Add((CachedQueryEncoder)await cache.GetAsync("docs", $"v{v}"));
            Assert.True(cache.Cached.Count <= QueryEncoderCache.VersionsKeptPerCorpus);
        }

        Assert.Equal(["v4", "v5", "v6"], cache.Cached.Select(k => k.Version).Order());
        await WaitUntilAsync(() => loaded.Take(versions - QueryEncoderCache.VersionsKeptPerCorpus).All(e => e.IsReleased));
        Assert.All(loaded.Skip(versions - QueryEncoderCache.VersionsKeptPerCorpus), e => Assert.False(e.IsReleased));
        Assert.Same(loaded[^1], await cache.GetAsync("docs", "v6")); // the live one stays cached
    }

    [Fact]
    public async Task ARetiredEncoderFinishesTheEncodingInFlightBeforeItsSessionGoes()
    {
        using var cache = new QueryEncoderCache(new LocalModelStore(_registry), NullLogger<QueryEncoderCache>.Instance,
            new QueryEncodingOptions { PreferCuda = false, Precision = EncoderPrecision.Fp32, MaxConcurrentEncodings = 1 }, retireGrace: TimeSpan.Zero);
        var encoder = (CachedQueryEncoder)await cache.GetAsync("docs", "v1");
        var inFlight = Task.WhenAll(Enumerable.Range(0, 6).Select(i => encoder.EncodeAsync([$"a long enough question about wing lift {i}"])));

        Assert.Equal(1, cache.ReleaseCorpus("docs"));

        var vectors = await inFlight; // every queued and running encoding completes on the retired encoder
        Assert.All(vectors, v => Assert.Equal(384, v[0].Length));
        await WaitUntilAsync(() => encoder.IsReleased);
        Assert.Throws<ObjectDisposedException>(() => encoder.Encode(["too late"]));
    }

    [Fact]
    public async Task DeletingACorpusReleasesAllOfItsEncodersAndNoOtherCorpusEncoders()
    {
        await _registry.RegisterAsync("docs", "v2", BaseModelLocator.GetMiniLM().Path);
        await _registry.RegisterAsync("other", "v1", BaseModelLocator.GetMiniLM().Path);
        using var cache = new QueryEncoderCache(new LocalModelStore(_registry), NullLogger<QueryEncoderCache>.Instance,
            new QueryEncodingOptions { PreferCuda = false, Precision = EncoderPrecision.Fp32 }, retireGrace: TimeSpan.Zero);
        var docs = new[] { (CachedQueryEncoder)await cache.GetAsync("docs", "v1"), (CachedQueryEncoder)await cache.GetAsync("docs", "v2") };
        var other = (CachedQueryEncoder)await cache.GetAsync("other", "v1");

        Assert.Equal(2, cache.ReleaseCorpus("docs"));

        Assert.Equal([("other", "v1")], cache.Cached);
        await WaitUntilAsync(() => docs.All(e => e.IsReleased));
        Assert.False(other.IsReleased);
        Assert.Equal(0, cache.ReleaseCorpus("docs"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(20);
        }
    }

    [Fact]
    public void ImpossibleSettingsAreRefusedByName()
    {
        var options = new QueryEncodingOptions { MaxConcurrentEncodings = -1 };

        var error = Assert.Throws<InvalidOperationException>(() => options.Validate());

        Assert.Contains("QueryEncoding:MaxConcurrentEncodings", error.Message);
    }
}
