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

        Assert.IsType<ConcurrencyLimitedSentenceEncoder>(encoder);
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

        Assert.IsType<OnnxSentenceEncoder>(await cache.GetAsync("docs", "v1"));
    }

    [Fact]
    public void ImpossibleSettingsAreRefusedByName()
    {
        var options = new QueryEncodingOptions { MaxConcurrentEncodings = -1 };

        var error = Assert.Throws<InvalidOperationException>(() => options.Validate());

        Assert.Contains("QueryEncoding:MaxConcurrentEncodings", error.Message);
    }
}
