using System.Collections.Concurrent;
using System.Diagnostics;
using GenQ.Lexical;
using GenQ.VectorStore.Model;
using GenQ.VectorStore.Naming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenQ.VectorStore.Embedded;

/// <summary>
/// In-process vector index persisted under <see cref="VectorStoreOptions.DataDirectory"/>: exact cosine search with
/// SIMD (TensorPrimitives), optional int8 quantisation with float re-scoring, and the same version/alias semantics as
/// the Qdrant backend. Builds live in building/ and become visible only by an atomic directory rename plus an atomic
/// alias-file replace, so a crash never exposes a half-built collection. Each collection carries a Lucene BM25 index of
/// its passages (lexical/, see EmbeddedVectorIndex.Lexical.cs). See <see cref="EmbeddedLayout"/>.
/// </summary>
public sealed partial class EmbeddedVectorIndex : IVectorIndex
{
    private readonly VectorStoreOptions _options;
    private readonly ILogger _logger;
    private readonly EmbeddedLayout _layout;
    private readonly EmbeddedCatalog _catalog;
    private readonly CorpusLock _locks;
    private readonly SearchScheduler _scheduler;
    private readonly ConcurrentDictionary<string, Lazy<Task<EmbeddedCollection>>> _loaded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _seenGenerations = new(StringComparer.Ordinal);
    private readonly LexicalCache _lexical = new();

    /// <param name="options">Settings; <see cref="VectorStoreOptions.DataDirectory"/> is made absolute against the current directory.</param>
    /// <param name="logger">Logger (optional).</param>
    /// <param name="selectionReason">Why this backend was chosen, reported in <see cref="Backend"/>.</param>
    public EmbeddedVectorIndex(VectorStoreOptions options, ILogger<EmbeddedVectorIndex>? logger = null, string? selectionReason = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger<EmbeddedVectorIndex>.Instance;
        var root = Path.GetFullPath(options.DataDirectory);
        _layout = new EmbeddedLayout(root);
        _catalog = new EmbeddedCatalog(_layout);
        _locks = new CorpusLock(_layout);
        _scheduler = new SearchScheduler(options.SplitLoneSearches);
        Directory.CreateDirectory(root);
        _layout.EmptyTrash();
        Backend = new VectorIndexBackendInfo(VectorIndexBackendKind.Embedded, root, selectionReason ?? "constructed directly");
    }

    public VectorIndexBackendInfo Backend { get; }

    public Task<IndexVersionInfo> CreateVersionAsync(string corpus, string modelVersion, int dimensions, CancellationToken cancellationToken = default) =>
        CreateVersionAsync(corpus, modelVersion, dimensions, null, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Lucene counts lengths itself: only the analyzer of <paramref name="lexical"/> is checked.</remarks>
    public async Task<IndexVersionInfo> CreateVersionAsync(string corpus, string modelVersion, int dimensions, LexicalCorpusStatistics? lexical,
        CancellationToken cancellationToken = default)
    {
        VectorChecks.ValidateNewVersion(corpus, modelVersion, dimensions, lexical, _options);
        await using var _ = await _locks.AcquireAsync(corpus, cancellationToken).ConfigureAwait(false);

        if (_catalog.ReadPublished(corpus, modelVersion) is not null)
        {
            throw new InvalidOperationException(
                $"Version '{modelVersion}' of corpus '{corpus}' is already published; delete it first or use a new model version.");
        }

        var directory = _layout.BuildingDirectory(corpus, modelVersion);
        _layout.DeleteDirectoryAtomically(directory);
        Directory.CreateDirectory(directory);
        var manifest = new CollectionManifest(
            CollectionManifest.CurrentFormat, corpus, modelVersion, Guid.NewGuid().ToString("N"), dimensions, 0, DateTimeOffset.UtcNow, null,
            _options.LexicalAnalyzer);
        CreateLexicalIndex(directory, manifest);
        await EmbeddedCatalog.WriteManifestAsync(Path.Combine(directory, EmbeddedLayout.BuildFile), manifest, cancellationToken).ConfigureAwait(false);
        Log.VersionCreated(_logger, corpus, modelVersion, dimensions);
        return new IndexVersionInfo(corpus, modelVersion, CollectionName(corpus, modelVersion), IndexVersionState.Building, dimensions, 0, false, false);
    }

    public async Task UpsertAsync(string corpus, string modelVersion, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        IndexNames.ValidateModelVersion(modelVersion);
        ArgumentNullException.ThrowIfNull(points);
        await using var _ = await _locks.AcquireAsync(corpus, cancellationToken).ConfigureAwait(false);

        var manifest = RequireBuilding(corpus, modelVersion);
        VectorChecks.ValidatePoints(points, manifest.Dimensions);
        var directory = _layout.BuildingDirectory(corpus, modelVersion);
        var sequence = EmbeddedLayout.Segments(directory).Length;
        for (var start = 0; start < points.Count; start += _options.UpsertBatchSize)
        {
            var batch = Slice(points, start, Math.Min(_options.UpsertBatchSize, points.Count - start));
            await SegmentFile.WriteAsync(EmbeddedLayout.SegmentFile(directory, ++sequence), batch, manifest.Dimensions, cancellationToken).ConfigureAwait(false);
            VectorStoreMetrics.RecordUpsert(VectorIndexBackendKind.Embedded, corpus, batch.Count);
        }

        // After the segments: a crash in between leaves passages the lexical index lacks, which publish detects; the
        // retried upsert rewrites both (same ids replace).
        await Task.Run(() => UpsertLexical(directory, manifest, points), cancellationToken).ConfigureAwait(false);
    }

    public Task<AliasSwitchResult> PublishVersionAsync(string corpus, string modelVersion, CancellationToken cancellationToken = default) =>
        PublishVersionAsync(corpus, modelVersion, activate: true, cancellationToken);

    public async Task<AliasSwitchResult> PublishVersionAsync(string corpus, string modelVersion, bool activate, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        IndexNames.ValidateModelVersion(modelVersion);
        await using (await _locks.AcquireAsync(corpus, cancellationToken).ConfigureAwait(false))
        {
            var alias = _catalog.ReadAlias(corpus);
            if (!activate && alias is null)
            {
                throw new InvalidOperationException(
                    $"Corpus '{corpus}' has no live version; its first version must be published live (activate: true).");
            }

            if (_catalog.ReadBuilding(corpus, modelVersion) is not null || _catalog.ReadPublished(corpus, modelVersion) is null)
            {
                return await PublishBuildLockedAsync(corpus, modelVersion, activate ? null : alias, cancellationToken).ConfigureAwait(false);
            }

            if (!activate)
            {
                return new AliasSwitchResult(corpus, alias!.Live.ModelVersion, alias.Previous?.ModelVersion); // already sealed
            }
        }

        // Already published (e.g. a retry after a crash between the rename and the alias write): just switch to it.
        return await ActivateVersionAsync(corpus, modelVersion, cancellationToken).ConfigureAwait(false);
    }

    // keepAlias: seal only, the alias (which must exist) stays as it is; null: seal and switch the alias to the version.
    private async Task<AliasSwitchResult> PublishBuildLockedAsync(string corpus, string modelVersion, AliasState? keepAlias, CancellationToken cancellationToken)
    {
        var building = RequireBuilding(corpus, modelVersion);
        var buildDirectory = _layout.BuildingDirectory(corpus, modelVersion);
        var stopwatch = Stopwatch.StartNew();
        // Reads every segment (so a damaged build fails here, not at the first search). A build that may get a graph is
        // loaded once for both the count and the graph; otherwise nothing stays in memory: the trainer that publishes
        // need not hold the vectors, searching processes load them on first use.
        var count = _options.Hnsw.Enabled && ReceivedPoints(corpus, modelVersion) >= _options.Hnsw.MinPoints
            ? await BuildGraphAsync(buildDirectory, building, cancellationToken).ConfigureAwait(false)
            : await Task.Run(() => EmbeddedCollection.CountDistinct(buildDirectory, building.Dimensions), cancellationToken).ConfigureAwait(false);
        if (count == 0)
        {
            throw new InvalidOperationException($"Version '{modelVersion}' of corpus '{corpus}' has no points; nothing to publish.");
        }

        await Task.Run(() => SealLexical(buildDirectory, building, count), cancellationToken).ConfigureAwait(false);
        var manifest = building with { PointCount = count, PublishedUtc = DateTimeOffset.UtcNow };
        await EmbeddedCatalog.WriteManifestAsync(Path.Combine(buildDirectory, EmbeddedLayout.ManifestFile), manifest, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(_layout.CollectionsRoot(corpus));
        Directory.Move(buildDirectory, _layout.CollectionDirectory(corpus, modelVersion)); // the commit point of the build
        VectorStoreMetrics.RecordPublish(VectorIndexBackendKind.Embedded, corpus);
        if (keepAlias is not null)
        {
            Log.VersionSealed(_logger, corpus, modelVersion, count, keepAlias.Live.ModelVersion, stopwatch.ElapsedMilliseconds);
            return new AliasSwitchResult(corpus, keepAlias.Live.ModelVersion, keepAlias.Previous?.ModelVersion);
        }

        var result = await SwitchAliasAsync(corpus, manifest, cancellationToken).ConfigureAwait(false);
        Log.VersionPublished(_logger, corpus, modelVersion, count, result.PreviousVersion, stopwatch.ElapsedMilliseconds);
        return result;
    }

    // Large versions get an HNSW graph before they become visible, so no search ever waits for one. The vectors are
    // held only while building it. Returns the distinct point count (re-upserted points may leave fewer than received,
    // and then possibly too few for a graph).
    private async Task<int> BuildGraphAsync(string buildDirectory, CollectionManifest building, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var parameters = new Hnsw.HnswParameters(_options.Hnsw.M, _options.Hnsw.EfConstruction);
        var (count, graph, digest) = await Task.Run(() =>
        {
            var collection = EmbeddedCollection.Load(buildDirectory, building, quantize: false);
            var graph = collection.Count >= _options.Hnsw.MinPoints ? collection.BuildGraph(parameters, cancellationToken) : null;
            return (collection.Count, graph, collection.RowDigest);
        }, cancellationToken).ConfigureAwait(false);
        if (graph is not null)
        {
            await Hnsw.HnswFile.WriteAsync(Path.Combine(buildDirectory, Hnsw.HnswFile.FileName), graph, parameters, digest, cancellationToken).ConfigureAwait(false);
            Log.GraphBuilt(_logger, building.Corpus, building.ModelVersion, graph.Count, parameters.M, parameters.EfConstruction,
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return count;
    }

    public async Task<AliasSwitchResult> ActivateVersionAsync(string corpus, string modelVersion, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        IndexNames.ValidateModelVersion(modelVersion);
        await using var _ = await _locks.AcquireAsync(corpus, cancellationToken).ConfigureAwait(false);

        var manifest = _catalog.ReadPublished(corpus, modelVersion)
            ?? throw new VectorIndexNotFoundException(corpus, modelVersion, $"Corpus '{corpus}' has no published version '{modelVersion}'.");
        var alias = _catalog.ReadAlias(corpus);
        if (alias?.Live.ModelVersion == modelVersion)
        {
            return new AliasSwitchResult(corpus, modelVersion, alias.Previous?.ModelVersion);
        }

        await GetCollectionAsync(manifest, cancellationToken).ConfigureAwait(false); // load before it goes live
        var result = await SwitchAliasAsync(corpus, manifest, cancellationToken).ConfigureAwait(false);
        Log.VersionActivated(_logger, corpus, modelVersion, result.PreviousVersion);
        return result;
    }

    public async Task<IReadOnlyList<string>> PruneVersionsAsync(string corpus, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        await using var _ = await _locks.AcquireAsync(corpus, cancellationToken).ConfigureAwait(false);

        var alias = _catalog.ReadAlias(corpus);
        var published = PublishedVersions(corpus)
            .Select(version => (Version: version, Manifest: _catalog.ReadPublished(corpus, version)))
            .Where(v => v.Manifest is not null)
            .Select(v => (v.Version, (DateTimeOffset?)v.Manifest!.CreatedUtc))
            .ToList();
        return await PrunePolicy.PruneAsync(published, alias?.Live.ModelVersion, alias?.Previous?.ModelVersion, _options,
            version =>
            {
                _layout.DeleteDirectoryAtomically(_layout.CollectionDirectory(corpus, version));
                Evict(corpus, version);
                return Task.CompletedTask;
            },
            versions => Log.VersionsPruned(_logger, corpus, versions)).ConfigureAwait(false);
    }

    public async Task DeleteVersionAsync(string corpus, string modelVersion, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        IndexNames.ValidateModelVersion(modelVersion);
        await using var _ = await _locks.AcquireAsync(corpus, cancellationToken).ConfigureAwait(false);

        var alias = _catalog.ReadAlias(corpus);
        if (alias?.Live.ModelVersion == modelVersion)
        {
            throw new InvalidOperationException($"Version '{modelVersion}' is live for corpus '{corpus}'; activate another version before deleting it.");
        }

        var published = Directory.Exists(_layout.CollectionDirectory(corpus, modelVersion));
        var building = Directory.Exists(_layout.BuildingDirectory(corpus, modelVersion));
        if (!published && !building)
        {
            throw new VectorIndexNotFoundException(corpus, modelVersion, $"Corpus '{corpus}' has no version '{modelVersion}'.");
        }

        if (alias is not null && alias.Previous?.ModelVersion == modelVersion)
        {
            await _catalog.WriteAliasAsync(alias with { Previous = null, Generation = alias.Generation + 1 }, cancellationToken).ConfigureAwait(false);
        }

        _layout.DeleteDirectoryAtomically(_layout.CollectionDirectory(corpus, modelVersion));
        _layout.DeleteDirectoryAtomically(_layout.BuildingDirectory(corpus, modelVersion));
        Evict(corpus, modelVersion);
    }

    public async Task<IReadOnlyList<string>> DeleteCorpusAsync(string corpus, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        await using var _ = await _locks.AcquireAsync(corpus, cancellationToken).ConfigureAwait(false);

        var versions = PublishedVersions(corpus).Concat(ChildDirectories(_layout.BuildingRoot(corpus)))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // The alias goes first: from then on no search (in any process) resolves the corpus, then the files follow.
        if (File.Exists(_layout.AliasFile(corpus)))
        {
            File.Delete(_layout.AliasFile(corpus));
        }
        _layout.DeleteDirectoryAtomically(_layout.CollectionsRoot(corpus));
        _layout.DeleteDirectoryAtomically(_layout.BuildingRoot(corpus));
        foreach (var version in versions)
        {
            Evict(corpus, version);
        }
        _seenGenerations.TryRemove(corpus, out var _);
        Log.CorpusDeleted(_logger, corpus, string.Join(", ", versions));
        return versions;
    }

    private async Task<AliasSwitchResult> SwitchAliasAsync(string corpus, CollectionManifest manifest, CancellationToken cancellationToken)
    {
        var old = _catalog.ReadAlias(corpus);
        var target = new AliasTarget(manifest.ModelVersion, manifest.BuildId);
        var previous = old is null ? null : old.Live.ModelVersion == manifest.ModelVersion ? old.Previous : old.Live;
        var state = new AliasState(corpus, target, previous, (old?.Generation ?? 0) + 1, DateTimeOffset.UtcNow);
        await _catalog.WriteAliasAsync(state, cancellationToken).ConfigureAwait(false); // atomic rename: the switch itself
        return new AliasSwitchResult(corpus, manifest.ModelVersion, previous?.ModelVersion);
    }

    private CollectionManifest RequireBuilding(string corpus, string modelVersion)
    {
        var manifest = _catalog.ReadBuilding(corpus, modelVersion);
        if (manifest is not null)
        {
            return manifest;
        }

        if (_catalog.ReadPublished(corpus, modelVersion) is not null)
        {
            throw new InvalidOperationException(
                $"Version '{modelVersion}' of corpus '{corpus}' is already published and immutable; create a new model version.");
        }

        throw new VectorIndexNotFoundException(
            corpus, modelVersion, $"Corpus '{corpus}' has no version '{modelVersion}' being built; call CreateVersionAsync first.");
    }

    private static IReadOnlyList<VectorPoint> Slice(IReadOnlyList<VectorPoint> points, int start, int count)
    {
        if (start == 0 && count == points.Count)
        {
            return points;
        }

        var slice = new VectorPoint[count];
        for (var i = 0; i < count; i++)
        {
            slice[i] = points[start + i];
        }

        return slice;
    }
}
