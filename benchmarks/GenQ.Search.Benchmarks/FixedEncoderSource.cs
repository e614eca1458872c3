using GenQ.Embeddings;
using GenQ.SearchApi.Search;

namespace GenQ.Search.Benchmarks;

/// <summary>One encoder for every (corpus, version): the benchmark index has a single version.</summary>
internal sealed class FixedEncoderSource(ISentenceEncoder encoder) : IQueryEncoderSource
{
    public Task<ISentenceEncoder> GetAsync(string corpus, string modelVersion) => Task.FromResult(encoder);
}
