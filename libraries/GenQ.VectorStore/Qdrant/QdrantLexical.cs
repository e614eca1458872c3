using GenQ.Lexical;
using GenQ.Lexical.Analysis;
using GenQ.Lexical.Sparse;
using GenQ.VectorStore.Model;
using Qdrant.Client.Grpc;

namespace GenQ.VectorStore.Qdrant;

/// <summary>
/// How the Qdrant backend stores BM25: a named sparse vector <see cref="SparseVectorName"/> with <c>Modifier.Idf</c>
/// beside the unnamed dense vector. GenQ computes the term-frequency part of each document's weights
/// (<see cref="Bm25SparseEncoder"/>) and Qdrant multiplies by IDF at query time, so IDF follows the collection's
/// contents. The settings the weights depend on live in the collection's metadata.
/// </summary>
internal static class QdrantLexical
{
    public const string SparseVectorName = "bm25";

    /// <summary>Name of the unnamed (default) dense vector when a point carries named vectors.</summary>
    public const string DenseVectorName = "";

    private const string AnalyzerKey = "genq_lexical_analyzer";
    private const string AverageLengthKey = "genq_bm25_avgdl";
    private const string K1Key = "genq_bm25_k1";
    private const string BKey = "genq_bm25_b";

    public static SparseVectorConfig SparseConfig() =>
        new() { Map = { [SparseVectorName] = new SparseVectorParams { Modifier = Modifier.Idf } } };

    public static Dictionary<string, Value> Metadata(VectorStoreOptions options, double averageLength) => new()
    {
        [AnalyzerKey] = options.LexicalAnalyzer.ToString(),
        [AverageLengthKey] = averageLength,
        [K1Key] = (double)options.Bm25K1,
        [BKey] = (double)options.Bm25B,
    };

    /// <summary>
    /// The encoder a collection's metadata describes; the options' settings when the collection has the sparse vector
    /// but no metadata (a server that does not keep collection metadata); null when it has no sparse vector (a
    /// collection created before lexical search: its points stay dense-only).
    /// </summary>
    public static Bm25SparseEncoder? EncoderOf(CollectionConfig config, VectorStoreOptions options)
    {
        var metadata = config.Metadata;
        if (!metadata.TryGetValue(AnalyzerKey, out var analyzerValue) || !metadata.TryGetValue(AverageLengthKey, out var averageValue))
        {
            return config.Params?.SparseVectorsConfig?.Map.ContainsKey(SparseVectorName) == true
                ? new Bm25SparseEncoder(new LexicalCorpusStatistics(options.LexicalAnalyzer, 0, options.LexicalAverageDocumentLength), options.Bm25Parameters)
                : null;
        }

        if (!Enum.TryParse<LexicalAnalyzerKind>(analyzerValue.StringValue, out var analyzer))
        {
            throw new InvalidDataException($"Qdrant collection metadata names an unknown analyzer '{analyzerValue.StringValue}'.");
        }

        var k1 = metadata.TryGetValue(K1Key, out var k1Value) ? (float)k1Value.DoubleValue : options.Bm25K1;
        var b = metadata.TryGetValue(BKey, out var bValue) ? (float)bValue.DoubleValue : options.Bm25B;
        return new Bm25SparseEncoder(new LexicalCorpusStatistics(analyzer, 0, averageValue.DoubleValue), new Bm25Parameters(k1, b));
    }

    /// <summary>Dense vector alone, or dense plus the document's BM25 sparse vector (left out when no term survives analysis).</summary>
    public static Vectors Vectors(VectorPoint point, Bm25SparseEncoder? encoder)
    {
        if (encoder is null)
        {
            return point.Vector.ToArray();
        }

        var sparse = encoder.EncodeDocument(point.Title, point.Text);
        var named = new Dictionary<string, Vector> { [DenseVectorName] = point.Vector.ToArray() };
        if (!sparse.IsEmpty)
        {
            named[SparseVectorName] = (sparse.Values, sparse.Indices);
        }

        return named;
    }

    /// <summary>Query vector: each analysed term's count (Qdrant applies IDF).</summary>
    public static Query QueryOf(string queryText, VectorStoreOptions options, out bool empty)
    {
        var sparse = new Bm25SparseEncoder(new LexicalCorpusStatistics(options.LexicalAnalyzer, 0, 1), options.Bm25Parameters).EncodeQuery(queryText);
        empty = sparse.IsEmpty;
        return (sparse.Values, sparse.Indices);
    }
}
