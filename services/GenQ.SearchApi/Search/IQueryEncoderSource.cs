using GenQ.Embeddings;

namespace GenQ.SearchApi.Search;

/// <summary>The query encoder of one (corpus, model version): <see cref="QueryEncoderCache"/> in the service, a fixed encoder in benchmarks.</summary>
public interface IQueryEncoderSource
{
    Task<ISentenceEncoder> GetAsync(string corpus, string modelVersion);
}
