using GenQ.Contracts.Corpora;
using GenQ.VectorStore.Model;
using GenQ.VectorStore.Naming;

namespace GenQ.VectorStore.Embedded;

/// <summary>Read side of the embedded index: search, listings and counts. No locks: readers see whole files only.</summary>
public sealed partial class EmbeddedVectorIndex
{
    /// <summary>Collection name reported for (corpus, version), the same shape as the Qdrant backend's.</summary>
    public static string CollectionName(string corpus, string modelVersion) => $"{corpus}.{modelVersion}";

    public async Task<VectorSearchResult> SearchAsync(VectorSearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        IndexNames.ValidateCorpus(request.Corpus, nameof(request.Corpus));
        VectorChecks.ValidateTopK(request.TopK);
        var manifest = ResolveForSearch(request.Corpus, request.ModelVersion);
        var collection = await GetCollectionAsync(manifest, cancellationToken).ConfigureAwait(false);

        var query = request.Vector.Span;
        VectorChecks.ValidateVector(query, collection.Dimensions, "Query vector", nameof(request.Vector));
        var unit = new float[query.Length];
        VectorChecks.Normalize(query, unit);
        var candidates = _options.Quantization ? Math.Max(request.TopK * _options.RescoreOversampling, 64) : 0;
        var graphEf = _options.Hnsw.Enabled ? _options.Hnsw.EfSearch : 0;
        var hits = await _scheduler.SearchAsync(new SearchWork(collection, unit, request.TopK, candidates, cancellationToken, graphEf)).ConfigureAwait(false);
        VectorStoreMetrics.RecordSearch(VectorIndexBackendKind.Embedded, request.Corpus, started);
        return new VectorSearchResult(request.Corpus, manifest.ModelVersion, CollectionName(request.Corpus, manifest.ModelVersion), hits);
    }

    public Task<IReadOnlyList<IndexVersionInfo>> ListVersionsAsync(string corpus, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        var alias = _catalog.ReadAlias(corpus);
        var versions = new List<IndexVersionInfo>();
        foreach (var version in PublishedVersions(corpus))
        {
            if (_catalog.ReadPublished(corpus, version) is { } manifest)
            {
                versions.Add(Info(manifest, IndexVersionState.Ready, manifest.PointCount, alias));
            }
        }

        foreach (var version in ChildDirectories(_layout.BuildingRoot(corpus)))
        {
            if (_catalog.ReadBuilding(corpus, version) is { } manifest)
            {
                versions.Add(Info(manifest, IndexVersionState.Building, ReceivedPoints(corpus, version), alias));
            }
        }

        versions.Sort((a, b) => string.CompareOrdinal(a.ModelVersion, b.ModelVersion));
        return Task.FromResult<IReadOnlyList<IndexVersionInfo>>(versions);
    }

    public Task<string?> GetLiveVersionAsync(string corpus, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        return Task.FromResult(_catalog.ReadAlias(corpus)?.Live.ModelVersion);
    }

    public Task<IReadOnlyList<string>> ListCorporaAsync(CancellationToken cancellationToken = default)
    {
        var corpora = new List<string>();
        if (Directory.Exists(_layout.AliasesRoot))
        {
            foreach (var file in Directory.GetFiles(_layout.AliasesRoot, "*.json"))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                if (CorpusName.IsValid(name))
                {
                    corpora.Add(name);
                }
            }
        }

        corpora.Sort(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>>(corpora);
    }

    public Task<long> CountAsync(string corpus, string? modelVersion = null, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        if (modelVersion is not null)
        {
            IndexNames.ValidateModelVersion(modelVersion);
            if (_catalog.ReadBuilding(corpus, modelVersion) is not null && _catalog.ReadPublished(corpus, modelVersion) is null)
            {
                return Task.FromResult(ReceivedPoints(corpus, modelVersion));
            }
        }

        return Task.FromResult(ResolveForSearch(corpus, modelVersion).PointCount);
    }

    /// <summary>Manifest of the version a search should use: the pinned one, or the alias target.</summary>
    private CollectionManifest ResolveForSearch(string corpus, string? modelVersion)
    {
        if (modelVersion is not null)
        {
            IndexNames.ValidateModelVersion(modelVersion, nameof(VectorSearchRequest.ModelVersion));
            return _catalog.ReadPublished(corpus, modelVersion)
                ?? throw new VectorIndexNotFoundException(corpus, modelVersion, $"Corpus '{corpus}' has no published version '{modelVersion}'.");
        }

        var alias = _catalog.ReadAlias(corpus) ?? throw new VectorIndexNotFoundException(corpus, null, $"Corpus '{corpus}' has no live version.");
        if (_seenGenerations.TryGetValue(corpus, out var seen) && seen != alias.Generation)
        {
            EvictAllBut(corpus, alias);
        }

        _seenGenerations[corpus] = alias.Generation;
        var manifest = _catalog.ReadPublished(corpus, alias.Live.ModelVersion);
        if (manifest is null || manifest.BuildId != alias.Live.BuildId)
        {
            throw new InvalidDataException(
                $"Alias of corpus '{corpus}' points to version '{alias.Live.ModelVersion}' (build {alias.Live.BuildId}), which is not on disk.");
        }

        return manifest;
    }

    private Task<EmbeddedCollection> GetCollectionAsync(CollectionManifest manifest, CancellationToken cancellationToken)
    {
        var key = CacheKey(manifest);
        if (manifest.Revision > 0 && !_loaded.ContainsKey(key))
        {
            EvictOtherRevisions(manifest);
        }

        var lazy = _loaded.GetOrAdd(key, _ => new Lazy<Task<EmbeddedCollection>>(() => Task.Run(() =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var directory = _layout.CollectionDirectory(manifest.Corpus, manifest.ModelVersion);
            var collection = EmbeddedCollection.Load(directory, manifest, _options.Quantization, loadGraph: _options.Hnsw.Enabled);
            Log.CollectionLoaded(_logger, manifest.Corpus, manifest.ModelVersion, collection.Count, collection.IsQuantized,
                collection.Graph is null ? "exact scan" : "HNSW", collection.GraphStatus,
                (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return collection;
        })));
        var task = lazy.Value;
        if (task.IsFaulted)
        {
            _loaded.TryRemove(new KeyValuePair<string, Lazy<Task<EmbeddedCollection>>>(key, lazy)); // let the next call retry
        }

        return task.WaitAsync(cancellationToken);
    }

    // The revision is part of the key: an appended version is loaded again (and the older revision dropped, below).
    private static string CacheKey(CollectionManifest manifest) => $"{manifest.Corpus}/{manifest.ModelVersion}/{manifest.BuildId}/{manifest.Revision}";

    // Drops the loaded copies of other revisions of the same build once a newer one is asked for.
    private void EvictOtherRevisions(CollectionManifest manifest)
    {
        var build = $"{manifest.Corpus}/{manifest.ModelVersion}/{manifest.BuildId}/";
        var current = CacheKey(manifest);
        bool Stale(string key) => key.StartsWith(build, StringComparison.Ordinal) && key != current;
        foreach (var key in _loaded.Keys.Where(Stale))
        {
            _loaded.TryRemove(key, out _);
        }

        _lexical.Evict(Stale);
    }

    private void Evict(string corpus, string version)
    {
        var prefix = $"{corpus}/{version}/";
        foreach (var key in _loaded.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            _loaded.TryRemove(key, out _);
        }

        _lexical.Evict(key => key.StartsWith(prefix, StringComparison.Ordinal));
    }

    // After a switch (possibly by another process) keep only live and previous in memory; searches holding an evicted
    // collection finish on it, since it is never mutated.
    private void EvictAllBut(string corpus, AliasState alias)
    {
        // Keys end with the revision: keep every revision of the live and previous builds (older ones go on the next load).
        var keep = new List<string> { $"{corpus}/{alias.Live.ModelVersion}/{alias.Live.BuildId}/" };
        if (alias.Previous is { } previous)
        {
            keep.Add($"{corpus}/{previous.ModelVersion}/{previous.BuildId}/");
        }

        bool Drop(string key) => key.StartsWith(corpus + "/", StringComparison.Ordinal) && !keep.Any(k => key.StartsWith(k, StringComparison.Ordinal));
        foreach (var key in _loaded.Keys.Where(Drop))
        {
            _loaded.TryRemove(key, out _);
        }

        _lexical.Evict(Drop);
    }

    private IEnumerable<string> PublishedVersions(string corpus) => ChildDirectories(_layout.CollectionsRoot(corpus));

    private static IEnumerable<string> ChildDirectories(string root) =>
        Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Where(IndexNames.IsValidModelVersion)
            : [];

    // Points received so far by a build (re-upserted passages count twice until publish de-duplicates them).
    private long ReceivedPoints(string corpus, string version)
    {
        var directory = _layout.BuildingDirectory(corpus, version);
        return Directory.Exists(directory) ? EmbeddedLayout.Segments(directory).Sum(s => (long)SegmentFile.ReadHeader(s).Count) : 0;
    }

    private static IndexVersionInfo Info(CollectionManifest manifest, IndexVersionState state, long count, AliasState? alias) =>
        new(manifest.Corpus, manifest.ModelVersion, CollectionName(manifest.Corpus, manifest.ModelVersion), state, manifest.Dimensions, count,
            state == IndexVersionState.Ready && alias?.Live.ModelVersion == manifest.ModelVersion,
            state == IndexVersionState.Ready && alias?.Previous?.ModelVersion == manifest.ModelVersion, manifest.CreatedUtc);
}
