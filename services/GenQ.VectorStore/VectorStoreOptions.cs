namespace GenQ.VectorStore;

/// <summary>
/// Settings of the vector index, bound from the configuration section named <c>VectorStoreOptions</c>.
/// A Qdrant endpoint (here or as connection string "qdrant") selects the Qdrant backend; otherwise the embedded
/// index stores its data under <see cref="DataDirectory"/>.
/// </summary>
public sealed class VectorStoreOptions
{
    /// <summary>Qdrant gRPC endpoint, e.g. <c>http://localhost:6334</c>. Overrides the "qdrant" connection string.</summary>
    public string? QdrantEndpoint { get; set; }

    /// <summary>Qdrant API key, if the server wants one.</summary>
    public string? QdrantApiKey { get; set; }

    /// <summary>Prefix of every collection and alias GenQ creates in Qdrant (lets deployments share one server).</summary>
    public string QdrantCollectionPrefix { get; set; } = "genq";

    /// <summary>Embedded index directory; relative paths are resolved against the application's content root.</summary>
    public string DataDirectory { get; set; } = ".genq/vector-index";

    /// <summary>
    /// Int8 scalar quantisation: candidates are found on int8 vectors and re-scored with the float vectors
    /// (embedded: per-vector scale; Qdrant: scalar int8 config with rescoring).
    /// </summary>
    public bool Quantization { get; set; }

    /// <summary>With quantisation: candidates re-scored per query = max(top_k x this, 64).</summary>
    public int RescoreOversampling { get; set; } = 4;

    /// <summary>
    /// Embedded: a search that finds the other cores idle splits its scan across them. Off by default: the scan is
    /// bound by memory bandwidth, and on the 2-core build machine splitting cost CPU without lowering latency (see
    /// docs/benchmarks/vector-index.md). Concurrent searches are batched into shared scans either way.
    /// </summary>
    public bool SplitLoneSearches { get; set; }

    /// <summary>Points per upsert request / per segment file.</summary>
    public int UpsertBatchSize { get; set; } = 256;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (UpsertBatchSize is < 1 or > 100_000)
        {
            throw new InvalidOperationException($"{nameof(VectorStoreOptions)}:{nameof(UpsertBatchSize)} must be 1-100000, was {UpsertBatchSize}.");
        }

        if (RescoreOversampling is < 1 or > 100)
        {
            throw new InvalidOperationException($"{nameof(VectorStoreOptions)}:{nameof(RescoreOversampling)} must be 1-100, was {RescoreOversampling}.");
        }

        if (string.IsNullOrWhiteSpace(QdrantEndpoint) && string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new InvalidOperationException($"{nameof(VectorStoreOptions)}:{nameof(DataDirectory)} is empty and no Qdrant endpoint is configured.");
        }

        if (!Naming.IndexNames.IsValidCorpus(QdrantCollectionPrefix))
        {
            throw new InvalidOperationException(
                $"{nameof(VectorStoreOptions)}:{nameof(QdrantCollectionPrefix)} '{QdrantCollectionPrefix}' is invalid: use a-z, 0-9, '-' and '_'.");
        }
    }
}
