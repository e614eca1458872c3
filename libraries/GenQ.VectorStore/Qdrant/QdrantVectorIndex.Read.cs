using GenQ.VectorStore.Model;
using GenQ.VectorStore.Naming;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace GenQ.VectorStore.Qdrant;

/// <summary>Search, listings, counts and deletion for the Qdrant backend.</summary>
public sealed partial class QdrantVectorIndex
{
    public async Task<VectorSearchResult> SearchAsync(VectorSearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        IndexNames.ValidateCorpus(request.Corpus, nameof(request.Corpus));
        VectorChecks.ValidateTopK(request.TopK);
        if (request.ModelVersion is not null)
        {
            IndexNames.ValidateModelVersion(request.ModelVersion, nameof(request.ModelVersion));
        }

        // Dimension mismatches are reported by the server (InvalidArgument); here only values are checked.
        var vector = request.Vector.ToArray();
        VectorChecks.ValidateVector(vector, vector.Length, "Query vector", nameof(request.Vector));

        // Searching the alias lets Qdrant resolve it atomically; each point carries its model version, so the answer
        // names the collection that produced it even when the alias moves during the call.
        var target = request.ModelVersion is null ? _names.LiveAlias(request.Corpus) : _names.Collection(request.Corpus, request.ModelVersion);
        var searchParams = _options.Quantization
            ? new SearchParams { Quantization = new QuantizationSearchParams { Rescore = true, Oversampling = _options.RescoreOversampling } }
            : null;
        IReadOnlyList<ScoredPoint> points;
        try
        {
            points = await _client.QueryAsync(target, query: vector, searchParams: searchParams, limit: (ulong)request.TopK,
                payloadSelector: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            throw NotFound(request.Corpus, request.ModelVersion);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
        {
            throw new ArgumentException($"Qdrant rejected the query vector for corpus '{request.Corpus}': {ex.Status.Detail}", nameof(request), ex);
        }

        return await ResultAsync(request.Corpus, request.ModelVersion, points, started, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The answer of a dense or lexical search: the hits, and the version that answered: the pinned one, else the one
    /// the alias resolved to (every point carries it), else, without hits, the live one.
    /// </summary>
    private async Task<VectorSearchResult> ResultAsync(string corpus, string? pinned, IReadOnlyList<ScoredPoint> points, long started,
        CancellationToken cancellationToken)
    {
        var hits = points.Select(p => new VectorHit(Text(p, PassageIdKey), Text(p, TitleKey), Text(p, TextKey), p.Score)).ToArray();
        var version = pinned
            ?? (points.Count > 0 ? Text(points[0], ModelVersionKey) : null)
            ?? await LiveVersionAsync(corpus, cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(corpus, null);
        VectorStoreMetrics.RecordSearch(VectorIndexBackendKind.Qdrant, corpus, started);
        return new VectorSearchResult(corpus, version, _names.Collection(corpus, version), hits);
    }

    public async Task<IReadOnlyList<IndexVersionInfo>> ListVersionsAsync(string corpus, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        var aliases = await AliasesAsync(cancellationToken).ConfigureAwait(false);
        aliases.TryGetValue(_names.LiveAlias(corpus), out var live);
        aliases.TryGetValue(_names.PreviousAlias(corpus), out var previous);
        var versions = new List<IndexVersionInfo>();
        foreach (var collection in await _client.ListCollectionsAsync(cancellationToken).ConfigureAwait(false))
        {
            var version = _names.VersionOf(corpus, collection);
            if (version is null || !IndexNames.IsValidModelVersion(version))
            {
                continue;
            }

            var info = await _client.GetCollectionInfoAsync(collection, cancellationToken).ConfigureAwait(false);
            var count = await _client.CountAsync(collection, exact: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            var ready = aliases.ContainsKey(_names.ReadyAlias(corpus, version));
            versions.Add(new IndexVersionInfo(corpus, version, collection, ready ? IndexVersionState.Ready : IndexVersionState.Building,
                (int)info.Config.Params.VectorsConfig.Params.Size, (long)count, ready && live == collection, ready && previous == collection,
                CreatedOf(info.Config)));
        }

        versions.Sort((a, b) => string.CompareOrdinal(a.ModelVersion, b.ModelVersion));
        return versions;
    }

    public Task<string?> GetLiveVersionAsync(string corpus, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        return LiveVersionAsync(corpus, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListCorporaAsync(CancellationToken cancellationToken = default)
    {
        var aliases = await AliasesAsync(cancellationToken).ConfigureAwait(false);
        var corpora = aliases.Keys.Select(_names.CorpusOfLiveAlias).OfType<string>().ToList();
        corpora.Sort(StringComparer.Ordinal);
        return corpora;
    }

    public async Task<long> CountAsync(string corpus, string? modelVersion = null, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        if (modelVersion is not null)
        {
            IndexNames.ValidateModelVersion(modelVersion);
        }

        var target = modelVersion is null ? _names.LiveAlias(corpus) : _names.Collection(corpus, modelVersion);
        try
        {
            return (long)await _client.CountAsync(target, exact: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            throw NotFound(corpus, modelVersion);
        }
    }

    public async Task<IReadOnlyList<string>> PruneVersionsAsync(string corpus, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        var aliases = await AliasesAsync(cancellationToken).ConfigureAwait(false);
        aliases.TryGetValue(_names.LiveAlias(corpus), out var live);
        aliases.TryGetValue(_names.PreviousAlias(corpus), out var previous);
        var published = new List<(string Version, DateTimeOffset? CreatedUtc)>();
        foreach (var collection in await _client.ListCollectionsAsync(cancellationToken).ConfigureAwait(false))
        {
            var version = _names.VersionOf(corpus, collection);
            if (version is not null && aliases.ContainsKey(_names.ReadyAlias(corpus, version)))
            {
                var info = await _client.GetCollectionInfoAsync(collection, cancellationToken).ConfigureAwait(false);
                published.Add((version, CreatedOf(info.Config))); // builds in progress (no ready marker) stay
            }
        }

        return await PrunePolicy.PruneAsync(published, live is null ? null : _names.VersionOf(corpus, live),
            previous is null ? null : _names.VersionOf(corpus, previous), _options,
            version => _client.DeleteCollectionAsync(_names.Collection(corpus, version), cancellationToken: cancellationToken),
            versions => Log.VersionsPruned(_logger, corpus, versions)).ConfigureAwait(false);
    }

    public async Task DeleteVersionAsync(string corpus, string modelVersion, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        IndexNames.ValidateModelVersion(modelVersion);
        var collection = _names.Collection(corpus, modelVersion);
        var aliases = await AliasesAsync(cancellationToken).ConfigureAwait(false);
        if (aliases.TryGetValue(_names.LiveAlias(corpus), out var live) && live == collection)
        {
            throw new InvalidOperationException($"Version '{modelVersion}' is live for corpus '{corpus}'; activate another version before deleting it.");
        }

        var existing = await _client.ListCollectionsAsync(cancellationToken).ConfigureAwait(false);
        if (!existing.Contains(collection))
        {
            throw NotFound(corpus, modelVersion);
        }

        // Qdrant drops the collection's aliases (ready marker, previous) together with it.
        await _client.DeleteCollectionAsync(collection, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> DeleteCorpusAsync(string corpus, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        var aliases = await AliasesAsync(cancellationToken).ConfigureAwait(false);
        // The live and previous aliases go first (one request): searches stop resolving the corpus before any data goes.
        var dropAliases = new[] { _names.LiveAlias(corpus), _names.PreviousAlias(corpus) }.Where(aliases.ContainsKey).Select(Delete).ToList();
        if (dropAliases.Count > 0)
        {
            await _client.UpdateAliasesAsync(dropAliases, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var removed = new List<string>();
        foreach (var collection in await _client.ListCollectionsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_names.VersionOf(corpus, collection) is { } version && IndexNames.IsValidModelVersion(version))
            {
                // Qdrant drops the collection's ready marker alias together with it.
                await _client.DeleteCollectionAsync(collection, cancellationToken: cancellationToken).ConfigureAwait(false);
                removed.Add(version);
            }
        }

        removed.Sort(StringComparer.Ordinal);
        return removed;
    }

    private async Task<string?> LiveVersionAsync(string corpus, CancellationToken cancellationToken)
    {
        var aliases = await AliasesAsync(cancellationToken).ConfigureAwait(false);
        return aliases.TryGetValue(_names.LiveAlias(corpus), out var collection) ? _names.VersionOf(corpus, collection) : null;
    }

    private static DateTimeOffset? CreatedOf(CollectionConfig config) =>
        config.Metadata.TryGetValue(CreatedKey, out var value) && value.KindCase == Value.KindOneofCase.StringValue
            && DateTimeOffset.TryParse(value.StringValue, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var created)
            ? created
            : null;

    private static string Text(ScoredPoint point, string key) =>
        point.Payload.TryGetValue(key, out var value) && value.KindCase == Value.KindOneofCase.StringValue ? value.StringValue : string.Empty;

    private static VectorIndexNotFoundException NotFound(string corpus, string? modelVersion) =>
        modelVersion is null
            ? new VectorIndexNotFoundException(corpus, null, $"Corpus '{corpus}' has no live version.")
            : new VectorIndexNotFoundException(corpus, modelVersion, $"Corpus '{corpus}' has no version '{modelVersion}'.");
}
