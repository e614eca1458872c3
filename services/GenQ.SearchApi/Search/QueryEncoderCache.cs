using System.Collections.Concurrent;
using GenQ.Embeddings;
using GenQ.Embeddings.Inference;
using GenQ.ModelStore;

namespace GenQ.SearchApi.Search;

/// <summary>
/// One loaded query encoder per (corpus, model version), resolved through the model store. A request asks the index which version is live and takes
/// that version's encoder, so a model rollout swaps encoders without failing a request in flight: the old encoder
/// stays loaded (the previous version is kept for rollback) and only versions beyond that are unloaded.
/// Encoders follow <see cref="QueryEncodingOptions"/>: by default the folder's int8 model when present (model.int8.onnx),
/// one intra-op thread per call, at most MaxConcurrentEncodings calls at a time (by default one per core; all versions
/// share the limit).
/// </summary>
public sealed class QueryEncoderCache : IQueryEncoderSource, IDisposable
{
    private const int VersionsKeptPerCorpus = 3;
    private const int QueriesPerRun = 32; // texts per ONNX Runtime call when one request encodes several
    private readonly IModelStore _models;
    private readonly ILogger<QueryEncoderCache> _logger;
    private readonly QueryEncodingOptions _options;
    private readonly SemaphoreSlim? _encodingGate; // null: no limit (MaxConcurrentEncodings 0)
    private readonly ConcurrentDictionary<(string Corpus, string Version), Lazy<Task<ISentenceEncoder>>> _encoders = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _loadOrder = new();

    public QueryEncoderCache(IModelStore models, ILogger<QueryEncoderCache> logger, QueryEncodingOptions? options = null)
    {
        _models = models;
        _logger = logger;
        _options = (options ?? new QueryEncodingOptions()).Validate();
        _encodingGate = _options.MaxConcurrentEncodings > 0 ? new SemaphoreSlim(_options.MaxConcurrentEncodings) : null;
    }

    public async Task<ISentenceEncoder> GetAsync(string corpus, string modelVersion)
    {
        var created = false;
        var entry = _encoders.GetOrAdd((corpus, modelVersion), key =>
        {
            created = true;
            return new Lazy<Task<ISentenceEncoder>>(() => LoadAsync(key.Corpus, key.Version));
        });
        if (created)
        {
            Remember(corpus, modelVersion);
        }
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            _encoders.TryRemove((corpus, modelVersion), out _); // let the next request try again
            throw;
        }
    }

    private async Task<ISentenceEncoder> LoadAsync(string corpus, string modelVersion)
    {
        // Fetched (and verified) into this replica's data folder first with the Redis store: a replica that started
        // after the version went live, or missed its announcement, gets it here, before it answers with it.
        var path = await _models.ResolveAsync(corpus, modelVersion, expectedDigest: null, CancellationToken.None).ConfigureAwait(false);
        return await Task.Run(() => Create(path, corpus, modelVersion)).ConfigureAwait(false);
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

    private void Remember(string corpus, string modelVersion)
    {
        var order = _loadOrder.GetOrAdd(corpus, _ => new ConcurrentQueue<string>());
        order.Enqueue(modelVersion);
        while (order.Count > VersionsKeptPerCorpus && order.TryDequeue(out var oldest))
        {
            if (_encoders.TryRemove((corpus, oldest), out var evicted) && evicted.IsValueCreated)
            {
                // A request that took this encoder a moment ago may still be using it; dispose after it is surely done.
                _ = Task.Delay(TimeSpan.FromSeconds(30)).ContinueWith(_ =>
                {
                    if (evicted.Value.IsCompletedSuccessfully)
                    {
                        evicted.Value.Result.Dispose();
                    }
                }, TaskScheduler.Default);
            }
        }
    }

    public void Dispose()
    {
        foreach (var entry in _encoders.Values.Where(e => e.IsValueCreated && e.Value.IsCompletedSuccessfully))
        {
            entry.Value.Result.Dispose();
        }

        _encodingGate?.Dispose();
    }
}
