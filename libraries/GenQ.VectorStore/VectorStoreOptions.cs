using GenQ.Contracts.Configuration;
using GenQ.Contracts.Corpora;
using GenQ.Lexical.Analysis;

namespace GenQ.VectorStore;

/// <summary>
/// Settings of the vector index, bound from the configuration section named <c>VectorStoreOptions</c>.
/// A Qdrant endpoint (here or as connection string "qdrant") selects the Qdrant backend; otherwise the embedded
/// index stores its data under <see cref="DataDirectory"/>.
/// </summary>
public sealed class VectorStoreOptions
{
    public const string SectionName = ServiceSettingKeys.VectorStoreSection;

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

    /// <summary>Approximate (HNSW) search of large versions; see <see cref="HnswOptions"/>.</summary>
    public HnswOptions Hnsw { get; set; } = new();

    /// <summary>
    /// Pruning keeps this many of the newest published versions besides the live and the previous one, so a candidate the
    /// promotion gate sealed without making it live survives until an operator promotes it or a newer run replaces it.
    /// </summary>
    public int KeepVersions { get; set; } = 3;

    /// <summary>
    /// Pruning also keeps the newest published version whose name starts with this: GenQ indexes the base model first
    /// as <c>base-{runId}</c>, and evaluation compares every version with that zero-shot baseline. Empty: none is kept.
    /// </summary>
    public string BaselineVersionPrefix { get; set; } = "base-";

    /// <summary>Points per upsert request / per segment file.</summary>
    public int UpsertBatchSize { get; set; } = 256;

    /// <summary>
    /// Analysis of passages and queries of the lexical (BM25) index. Writers and readers of one data directory or Qdrant
    /// server must agree (the embedded index records it per version and checks; Qdrant cannot, its sparse vectors are
    /// already terms).
    /// </summary>
    public LexicalAnalyzerKind LexicalAnalyzer { get; set; } = LexicalAnalyzerKind.English;

    /// <summary>BM25 k1 (embedded: applied at query time; Qdrant: baked into the document weights at upsert).</summary>
    public float Bm25K1 { get; set; } = 0.9f;

    /// <summary>BM25 b (embedded: applied at query time; Qdrant: baked into the document weights at upsert).</summary>
    public float Bm25B { get; set; } = 0.4f;

    /// <summary>
    /// Qdrant: average analysed passage length (avgdl) assumed when a version is created without
    /// <see cref="GenQ.Lexical.LexicalCorpusStatistics"/>. 64 is about what English analysis leaves of a 100-word
    /// passage; a wrong value only shifts how much BM25 favours short passages. The embedded backend counts it exactly.
    /// </summary>
    public double LexicalAverageDocumentLength { get; set; } = 64;

    /// <summary>k1 and b as GenQ.Lexical takes them.</summary>
    internal GenQ.Lexical.Bm25Parameters Bm25Parameters => new(Bm25K1, Bm25B);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (UpsertBatchSize is < 1 or > 100_000)
        {
            throw new InvalidOperationException($"{nameof(VectorStoreOptions)}:{nameof(UpsertBatchSize)} must be 1-100000, was {UpsertBatchSize}.");
        }

        if (KeepVersions is < 0 or > 1000)
        {
            throw new InvalidOperationException($"{nameof(VectorStoreOptions)}:{nameof(KeepVersions)} must be 0-1000, was {KeepVersions}.");
        }

        if (RescoreOversampling is < 1 or > 100)
        {
            throw new InvalidOperationException($"{nameof(VectorStoreOptions)}:{nameof(RescoreOversampling)} must be 1-100, was {RescoreOversampling}.");
        }

        if (string.IsNullOrWhiteSpace(QdrantEndpoint) && string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new InvalidOperationException($"{nameof(VectorStoreOptions)}:{nameof(DataDirectory)} is empty and no Qdrant endpoint is configured.");
        }

        if (!float.IsFinite(Bm25K1) || Bm25K1 is < 0f or > 10f)
        {
            throw new InvalidOperationException($"{nameof(VectorStoreOptions)}:{nameof(Bm25K1)} must be 0-10, was {Bm25K1}.");
        }

        if (!float.IsFinite(Bm25B) || Bm25B is < 0f or > 1f)
        {
            throw new InvalidOperationException($"{nameof(VectorStoreOptions)}:{nameof(Bm25B)} must be 0-1, was {Bm25B}.");
        }

        if (!double.IsFinite(LexicalAverageDocumentLength) || LexicalAverageDocumentLength <= 0)
        {
            throw new InvalidOperationException(
                $"{nameof(VectorStoreOptions)}:{nameof(LexicalAverageDocumentLength)} must be a positive number, was {LexicalAverageDocumentLength}.");
        }

        if (!Enum.IsDefined(LexicalAnalyzer))
        {
            throw new InvalidOperationException($"{nameof(VectorStoreOptions)}:{nameof(LexicalAnalyzer)} '{LexicalAnalyzer}' is unknown.");
        }

        (Hnsw ?? throw new InvalidOperationException($"{nameof(VectorStoreOptions)}:{nameof(Hnsw)} is missing.")).Validate();

        if (!CorpusName.IsValid(QdrantCollectionPrefix))
        {
            throw new InvalidOperationException(
                $"{nameof(VectorStoreOptions)}:{nameof(QdrantCollectionPrefix)} '{QdrantCollectionPrefix}' is invalid: use a-z, 0-9, '-' and '_'.");
        }
    }
}
