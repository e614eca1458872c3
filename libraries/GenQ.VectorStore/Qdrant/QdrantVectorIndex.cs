using GenQ.Lexical;
using GenQ.Lexical.Sparse;
using GenQ.VectorStore.Model;
using GenQ.VectorStore.Naming;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace GenQ.VectorStore.Qdrant;

/// <summary>
/// <see cref="IVectorIndex"/> over a Qdrant server (gRPC, Qdrant.Client). One collection per (corpus, model version)
/// with cosine distance, payload {passage_id, title, text, model_version}, and aliases for live/previous/ready that are
/// changed in single UpdateAliases requests, so every switch is atomic on the server. See <see cref="QdrantNames"/>.
/// </summary>
public sealed partial class QdrantVectorIndex : IVectorIndex, IDisposable
{
    internal const string PassageIdKey = "passage_id";
    internal const string TitleKey = "title";
    internal const string TextKey = "text";
    internal const string ModelVersionKey = "model_version";

    /// <summary>Collection metadata: when the version was created (ISO 8601), so pruning can tell the newest versions.</summary>
    internal const string CreatedKey = "genq_created_utc";

    private readonly QdrantClient _client;
    private readonly bool _ownsClient;
    private readonly VectorStoreOptions _options;
    private readonly ILogger _logger;
    private readonly QdrantNames _names;

    /// <param name="client">Client to use; disposed with this index only when <paramref name="ownsClient"/> is true.</param>
    /// <param name="options">Settings (prefix, quantisation, batch size).</param>
    /// <param name="location">Endpoint shown in <see cref="Backend"/> (no API key).</param>
    /// <param name="logger">Logger (optional).</param>
    /// <param name="selectionReason">Why this backend was chosen, reported in <see cref="Backend"/>.</param>
    /// <param name="ownsClient">Dispose <paramref name="client"/> on <see cref="Dispose"/>.</param>
    public QdrantVectorIndex(QdrantClient client, VectorStoreOptions options, string location, ILogger<QdrantVectorIndex>? logger = null,
        string? selectionReason = null, bool ownsClient = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _ownsClient = ownsClient;
        _options = options;
        _logger = logger ?? NullLogger<QdrantVectorIndex>.Instance;
        _names = new QdrantNames(options.QdrantCollectionPrefix);
        Backend = new VectorIndexBackendInfo(VectorIndexBackendKind.Qdrant, location, selectionReason ?? "constructed directly");
    }

    public VectorIndexBackendInfo Backend { get; }

    /// <summary>Opens a client for <paramref name="connection"/> that this index owns.</summary>
    public static QdrantVectorIndex Connect(QdrantConnection connection, VectorStoreOptions options, ILoggerFactory? loggerFactory = null, string? selectionReason = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var client = new QdrantClient(connection.Endpoint, connection.ApiKey, TimeSpan.FromSeconds(30), loggerFactory);
        return new QdrantVectorIndex(client, options, connection.ToString(), loggerFactory?.CreateLogger<QdrantVectorIndex>(), selectionReason, ownsClient: true);
    }

    public Task<IndexVersionInfo> CreateVersionAsync(string corpus, string modelVersion, int dimensions, CancellationToken cancellationToken = default) =>
        CreateVersionAsync(corpus, modelVersion, dimensions, null, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// The collection gets the dense vector (unnamed) and a sparse vector "bm25" with <c>Modifier.Idf</c>; analyzer, k1, b
    /// and avgdl go into the collection's metadata, so every later upsert (any process) weights documents alike.
    /// </remarks>
    public async Task<IndexVersionInfo> CreateVersionAsync(string corpus, string modelVersion, int dimensions, LexicalCorpusStatistics? lexical,
        CancellationToken cancellationToken = default)
    {
        VectorChecks.ValidateNewVersion(corpus, modelVersion, dimensions, lexical, _options);
        var aliases = await AliasesAsync(cancellationToken).ConfigureAwait(false);
        if (aliases.ContainsKey(_names.ReadyAlias(corpus, modelVersion)))
        {
            throw new InvalidOperationException(
                $"Version '{modelVersion}' of corpus '{corpus}' is already published; delete it first or use a new model version.");
        }

        var collection = _names.Collection(corpus, modelVersion);
        var existing = await _client.ListCollectionsAsync(cancellationToken).ConfigureAwait(false);
        if (existing.Contains(collection))
        {
            await _client.DeleteCollectionAsync(collection, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var quantization = _options.Quantization
            ? new QuantizationConfig { Scalar = new ScalarQuantization { Type = QuantizationType.Int8, Quantile = 0.99f } }
            : null;
        var created = DateTimeOffset.UtcNow;
        var metadata = QdrantLexical.Metadata(_options, lexical?.AverageDocumentLength ?? _options.LexicalAverageDocumentLength);
        metadata[CreatedKey] = created.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await _client.CreateCollectionAsync(
            collection,
            new VectorParams { Size = (ulong)dimensions, Distance = Distance.Cosine },
            metadata,
            quantizationConfig: quantization,
            sparseVectorsConfig: QdrantLexical.SparseConfig(),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        Log.VersionCreated(_logger, corpus, modelVersion, dimensions, collection);
        return new IndexVersionInfo(corpus, modelVersion, collection, IndexVersionState.Building, dimensions, 0, false, false, created);
    }

    public async Task UpsertAsync(string corpus, string modelVersion, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        IndexNames.ValidateModelVersion(modelVersion);
        ArgumentNullException.ThrowIfNull(points);
        var aliases = await AliasesAsync(cancellationToken).ConfigureAwait(false);
        if (aliases.ContainsKey(_names.ReadyAlias(corpus, modelVersion)))
        {
            throw new InvalidOperationException(
                $"Version '{modelVersion}' of corpus '{corpus}' is already published and immutable; create a new model version.");
        }

        await UpsertPointsAsync(corpus, modelVersion, points, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Qdrant points are mutable: the points go into the published collection directly, with the BM25 weights of the
    /// collection's recorded average length, and Qdrant's IDF counts them from the next search on.
    /// </remarks>
    public async Task AppendAsync(string corpus, string modelVersion, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        IndexNames.ValidateModelVersion(modelVersion);
        ArgumentNullException.ThrowIfNull(points);
        var aliases = await AliasesAsync(cancellationToken).ConfigureAwait(false);
        if (!aliases.ContainsKey(_names.ReadyAlias(corpus, modelVersion)))
        {
            if (await CollectionConfigAsync(corpus, modelVersion, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw new InvalidOperationException($"Version '{modelVersion}' of corpus '{corpus}' is still being built; upsert into it instead.");
            }

            throw new VectorIndexNotFoundException(corpus, modelVersion, $"Corpus '{corpus}' has no published version '{modelVersion}'.");
        }

        await UpsertPointsAsync(corpus, modelVersion, points, cancellationToken).ConfigureAwait(false);
    }

    private async Task UpsertPointsAsync(string corpus, string modelVersion, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken)
    {
        var collection = _names.Collection(corpus, modelVersion);
        var config = await CollectionConfigAsync(corpus, modelVersion, cancellationToken).ConfigureAwait(false)
            ?? throw new VectorIndexNotFoundException(corpus, modelVersion,
                $"Corpus '{corpus}' has no version '{modelVersion}' being built; call CreateVersionAsync first.");
        var dimensions = (int)config.Params.VectorsConfig.Params.Size;
        VectorChecks.ValidatePoints(points, dimensions);
        var encoder = QdrantLexical.EncoderOf(config, _options); // null for collections made before lexical search

        var batch = new List<PointStruct>(Math.Min(points.Count, _options.UpsertBatchSize));
        foreach (var point in points)
        {
            batch.Add(ToPointStruct(point, modelVersion, encoder));
            if (batch.Count == _options.UpsertBatchSize)
            {
                await _client.UpsertAsync(collection, batch, wait: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                VectorStoreMetrics.RecordUpsert(VectorIndexBackendKind.Qdrant, corpus, batch.Count);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await _client.UpsertAsync(collection, batch, wait: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            VectorStoreMetrics.RecordUpsert(VectorIndexBackendKind.Qdrant, corpus, batch.Count);
        }
    }

    public Task<AliasSwitchResult> PublishVersionAsync(string corpus, string modelVersion, CancellationToken cancellationToken = default) =>
        PublishVersionAsync(corpus, modelVersion, activate: true, cancellationToken);

    public async Task<AliasSwitchResult> PublishVersionAsync(string corpus, string modelVersion, bool activate, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        IndexNames.ValidateModelVersion(modelVersion);
        var collection = _names.Collection(corpus, modelVersion);
        var existing = await _client.ListCollectionsAsync(cancellationToken).ConfigureAwait(false);
        if (!existing.Contains(collection))
        {
            throw new VectorIndexNotFoundException(corpus, modelVersion,
                $"Corpus '{corpus}' has no version '{modelVersion}' being built; call CreateVersionAsync first.");
        }

        var count = await _client.CountAsync(collection, exact: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (count == 0)
        {
            throw new InvalidOperationException($"Version '{modelVersion}' of corpus '{corpus}' has no points; nothing to publish.");
        }

        if (!activate)
        {
            return await SealAsync(corpus, modelVersion, (long)count, cancellationToken).ConfigureAwait(false);
        }

        var result = await SwitchAsync(corpus, modelVersion, markReady: true, cancellationToken).ConfigureAwait(false);
        VectorStoreMetrics.RecordPublish(VectorIndexBackendKind.Qdrant, corpus);
        Log.VersionPublished(_logger, corpus, modelVersion, (long)count, result.PreviousVersion);
        return result;
    }

    public async Task<AliasSwitchResult> ActivateVersionAsync(string corpus, string modelVersion, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        IndexNames.ValidateModelVersion(modelVersion);
        var aliases = await AliasesAsync(cancellationToken).ConfigureAwait(false);
        if (!aliases.ContainsKey(_names.ReadyAlias(corpus, modelVersion)))
        {
            throw new VectorIndexNotFoundException(corpus, modelVersion, $"Corpus '{corpus}' has no published version '{modelVersion}'.");
        }

        var result = await SwitchAsync(corpus, modelVersion, markReady: false, cancellationToken).ConfigureAwait(false);
        Log.VersionActivated(_logger, corpus, modelVersion, result.PreviousVersion);
        return result;
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    // Marks the version ready (one UpdateAliases request) and leaves live and previous as they are.
    private async Task<AliasSwitchResult> SealAsync(string corpus, string modelVersion, long count, CancellationToken cancellationToken)
    {
        var aliases = await AliasesAsync(cancellationToken).ConfigureAwait(false);
        if (!aliases.TryGetValue(_names.LiveAlias(corpus), out var live))
        {
            throw new InvalidOperationException(
                $"Corpus '{corpus}' has no live version; its first version must be published live (activate: true).");
        }

        var ready = _names.ReadyAlias(corpus, modelVersion);
        if (!aliases.ContainsKey(ready))
        {
            await _client.UpdateAliasesAsync([Create(ready, _names.Collection(corpus, modelVersion))], cancellationToken: cancellationToken).ConfigureAwait(false);
            VectorStoreMetrics.RecordPublish(VectorIndexBackendKind.Qdrant, corpus);
        }

        var liveVersion = _names.VersionOf(corpus, live)!;
        Log.VersionSealed(_logger, corpus, modelVersion, count, liveVersion);
        var previous = aliases.TryGetValue(_names.PreviousAlias(corpus), out var previousCollection) ? _names.VersionOf(corpus, previousCollection) : null;
        return new AliasSwitchResult(corpus, liveVersion, previous);
    }

    // One UpdateAliases request: optionally mark ready, move live to the new collection, move previous to the old live.
    private async Task<AliasSwitchResult> SwitchAsync(string corpus, string modelVersion, bool markReady, CancellationToken cancellationToken)
    {
        var aliases = await AliasesAsync(cancellationToken).ConfigureAwait(false);
        var collection = _names.Collection(corpus, modelVersion);
        var live = _names.LiveAlias(corpus);
        var previous = _names.PreviousAlias(corpus);
        var ready = _names.ReadyAlias(corpus, modelVersion);
        aliases.TryGetValue(live, out var oldLive);
        aliases.TryGetValue(previous, out var oldPrevious);
        var newPrevious = oldLive is null || oldLive == collection ? oldPrevious : oldLive;

        var operations = new List<AliasOperations>();
        if (markReady && !aliases.ContainsKey(ready))
        {
            operations.Add(Create(ready, collection));
        }

        if (oldLive != collection)
        {
            if (oldLive is not null)
            {
                operations.Add(Delete(live));
            }

            operations.Add(Create(live, collection));
        }

        if (newPrevious != oldPrevious)
        {
            if (oldPrevious is not null)
            {
                operations.Add(Delete(previous));
            }

            operations.Add(Create(previous, newPrevious!));
        }

        if (operations.Count > 0)
        {
            await _client.UpdateAliasesAsync(operations, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return new AliasSwitchResult(corpus, modelVersion, newPrevious is null ? null : _names.VersionOf(corpus, newPrevious));
    }

    private static AliasOperations Create(string alias, string collection) =>
        new() { CreateAlias = new CreateAlias { AliasName = alias, CollectionName = collection } };

    private static AliasOperations Delete(string alias) => new() { DeleteAlias = new DeleteAlias { AliasName = alias } };

    private static PointStruct ToPointStruct(VectorPoint point, string modelVersion, Bm25SparseEncoder? encoder) => new()
    {
        Id = PointIds.FromPassageId(point.PassageId),
        Vectors = QdrantLexical.Vectors(point, encoder),
        Payload =
        {
            [PassageIdKey] = point.PassageId,
            [TitleKey] = point.Title,
            [TextKey] = point.Text,
            [ModelVersionKey] = modelVersion,
        },
    };

    /// <summary>alias name -> collection name for every alias on the server.</summary>
    private async Task<Dictionary<string, string>> AliasesAsync(CancellationToken cancellationToken)
    {
        var aliases = await _client.ListAliasesAsync(cancellationToken).ConfigureAwait(false);
        return aliases.ToDictionary(a => a.AliasName, a => a.CollectionName, StringComparer.Ordinal);
    }

    private async Task<CollectionConfig?> CollectionConfigAsync(string corpus, string modelVersion, CancellationToken cancellationToken)
    {
        try
        {
            var info = await _client.GetCollectionInfoAsync(_names.Collection(corpus, modelVersion), cancellationToken).ConfigureAwait(false);
            return info.Config;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }
}
