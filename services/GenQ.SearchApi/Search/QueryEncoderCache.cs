using System.Collections.Concurrent;
using GenQ.Embeddings;
using GenQ.Embeddings.Inference;
using GenQ.ModelStore;

namespace GenQ.SearchApi.Search;

/// <summary>
/// One loaded query encoder per (corpus, model version), resolved through the model store. A request asks the index which version is live and takes
/// that version's encoder, so a model rollout swaps encoders without failing a request in flight: the old encoder
/// stays loaded (the previous version is kept for rollback) and only versions beyond that are unloaded.
/// At most <see cref="VersionsKeptPerCorpus"/> encoders per corpus stay loaded (the most recently loaded ones: the live
/// version, the one before it and one more, e.g. the base model or a version being evaluated); loading another retires
/// the oldest, and deleting a corpus (<see cref="ReleaseCorpus"/>) retires all of its encoders. A retired encoder's ONNX
/// session is disposed once its grace period has passed and no encoding runs on it (<see cref="CachedQueryEncoder"/>),
/// so a request in flight keeps a working encoder. Each session holds tens of MiB of native memory: without this a
/// replica that sees a new version every few minutes grows without bound.
/// Encoders follow <see cref="QueryEncodingOptions"/>: by default the folder's int8 model when present (model.int8.onnx),
/// one intra-op thread per call, at most MaxConcurrentEncodings calls at a time (by default one per core; all versions
/// share the limit).
/// </summary>
public sealed class QueryEncoderCache : IQueryEncoderSource, IDisposable
{
    public const int VersionsKeptPerCorpus = 3;
    private const int QueriesPerRun = 32; // texts per ONNX Runtime call when one request encodes several
    private static readonly TimeSpan DefaultRetireGrace = TimeSpan.FromSeconds(30);
    private readonly IModelStore _models;
    private readonly ILogger<QueryEncoderCache> _logger;
    private readonly QueryEncodingOptions _options;
    private readonly TimeSpan _retireGrace;
    private readonly SemaphoreSlim? _encodingGate; // null: no limit (MaxConcurrentEncodings 0)
    private readonly ConcurrentDictionary<(string Corpus, string Version), Lazy<Task<CachedQueryEncoder>>> _encoders = new();
    private readonly Dictionary<string, LinkedList<string>> _loadOrder = new(); // per corpus, oldest first; under _orderLock
    private readonly object _orderLock = new();

    public QueryEncoderCache(IModelStore models, ILogger<QueryEncoderCache> logger, QueryEncodingOptions? options = null)
        : this(models, logger, options, DefaultRetireGrace)
    {
    }

    /// <param name="retireGrace">How long a retired encoder stays usable for a request that took it before it was retired.</param>
    public QueryEncoderCache(IModelStore models, ILogger<QueryEncoderCache> logger, QueryEncodingOptions? options, TimeSpan retireGrace)
    {
        _models = models;
        _logger = logger;
        _options = (options ?? new QueryEncodingOptions()).Validate();
        _retireGrace = retireGrace;
        _encodingGate = _options.MaxConcurrentEncodings > 0 ? new SemaphoreSlim(_options.MaxConcurrentEncodings) : null;
    }

    /// <summary>The (corpus, version) pairs whose encoders are cached now (loaded or loading).</summary>
    public IReadOnlyCollection<(string Corpus, string Version)> Cached => _encoders.Keys.ToArray();

    public async Task<ISentenceEncoder> GetAsync(string corpus, string modelVersion)
    {
        var key = (corpus, modelVersion);
        Lazy<Task<CachedQueryEncoder>>? entry;
        lock (_orderLock)
        {
            if (!_encoders.TryGetValue(key, out entry))
            {
                entry = new Lazy<Task<CachedQueryEncoder>>(() => LoadAsync(corpus, modelVersion));
                _encoders[key] = entry;
                Remember(corpus, modelVersion);
            }
        }
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            lock (_orderLock)
            {
                // Let the next request try again.
                if (_encoders.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
                {
                    _encoders.TryRemove(key, out _);
                    Forget(corpus, modelVersion);
                }
            }
            throw;
        }
    }

    /// <summary>Retire every encoder of <paramref name="corpus"/> (it was deleted): their sessions are released once idle.</summary>
    public int ReleaseCorpus(string corpus)
    {
        List<Lazy<Task<CachedQueryEncoder>>> evicted = [];
        lock (_orderLock)
        {
            if (_loadOrder.Remove(corpus, out var order))
            {
                foreach (var version in order)
                {
                    if (_encoders.TryRemove((corpus, version), out var entry))
                    {
                        evicted.Add(entry);
                    }
                }
            }
        }
        foreach (var entry in evicted)
        {
            Retire(entry, _retireGrace);
        }
        return evicted.Count;
    }

    private async Task<CachedQueryEncoder> LoadAsync(string corpus, string modelVersion)
    {
        // Fetched (and verified) into this replica's data folder first with the Redis store: a replica that started
        // after the version went live, or missed its announcement, gets it here, before it answers with it.
        var path = await _models.ResolveAsync(corpus, modelVersion, expectedDigest: null, CancellationToken.None).ConfigureAwait(false);
        return await Task.Run(() => new CachedQueryEncoder(Create(path, corpus, modelVersion), corpus, modelVersion)).ConfigureAwait(false);
    }

    private ISentenceEncoder Create(string path, string corpus, string modelVersion)
    {
        var encoder = OnnxSentenceEncoder.Create(path, new OnnxSentenceEncoderOptions
        {
            Precision = _options.Precision,
            BatchSize = QueriesPerRun,
            IntraOpThreads = _options.IntraOpThreads,
            PreferCuda = _options.PreferCuda,
        }, _logger);
        return _encodingGate is null ? encoder : new ConcurrencyLimitedSentenceEncoder(encoder, _encodingGate, corpus, modelVersion);
    }

    // Under _orderLock.
    private void Remember(string corpus, string modelVersion)
    {
        if (!_loadOrder.TryGetValue(corpus, out var order))
        {
            _loadOrder[corpus] = order = new LinkedList<string>();
        }
        order.Remove(modelVersion);
        order.AddLast(modelVersion);
        while (order.Count > VersionsKeptPerCorpus)
        {
            var oldest = order.First!.Value;
            order.RemoveFirst();
            if (_encoders.TryRemove((corpus, oldest), out var evicted))
            {
                Retire(evicted, _retireGrace);
            }
        }
    }

    // Under _orderLock.
    private void Forget(string corpus, string modelVersion)
    {
        if (_loadOrder.TryGetValue(corpus, out var order))
        {
            order.Remove(modelVersion);
            if (order.Count == 0)
            {
                _loadOrder.Remove(corpus);
            }
        }
    }

    private static void Retire(Lazy<Task<CachedQueryEncoder>> entry, TimeSpan grace)
    {
        if (!entry.IsValueCreated)
        {
            return; // never started loading
        }
        // Still loading: retire it when it is there (a failed load holds nothing).
        _ = entry.Value.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                t.Result.Retire(grace);
            }
        }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        foreach (var entry in _encoders.Values.Where(e => e.IsValueCreated && e.Value.IsCompletedSuccessfully))
        {
            entry.Value.Result.ReleaseNow();
        }

        _encodingGate?.Dispose();
    }
}
