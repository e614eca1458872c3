using GenQ.Embeddings;
using GenQ.Embeddings.Models;

namespace GenQ.SearchApi.Search;

/// <summary>
/// A query encoder held by <see cref="QueryEncoderCache"/>: counts the encodings running on it so that the cache can
/// retire it (evicted, or its corpus deleted) without pulling the ONNX session from under a request in flight. The
/// inner encoder is disposed once it is retired, its grace period (for a request that took it but has not started
/// encoding yet) has passed, and no encoding runs on it. Disposing this wrapper itself does nothing: the cache owns it.
/// </summary>
public sealed class CachedQueryEncoder : ISentenceEncoder
{
    private readonly ISentenceEncoder _inner;
    private readonly object _sync = new();
    private int _inFlight;
    private bool _retired; // the cache no longer hands it out; dispose when idle
    private bool _graceOver;

    public CachedQueryEncoder(ISentenceEncoder inner, string corpus, string modelVersion)
    {
        _inner = inner;
        Corpus = corpus;
        ModelVersion = modelVersion;
    }

    public string Corpus { get; }

    public string ModelVersion { get; }

    /// <summary>The encoder this one wraps (the gated or plain ONNX encoder).</summary>
    public ISentenceEncoder Inner => _inner;

    /// <summary>True once the ONNX session has been released.</summary>
    public bool IsReleased { get; private set; }

    public ModelManifest Manifest => _inner.Manifest;

    public int Dimension => _inner.Dimension;

    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        Enter();
        try
        {
            return _inner.Encode(texts, cancellationToken);
        }
        finally
        {
            Exit();
        }
    }

    public async Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        Enter();
        try
        {
            return await _inner.EncodeAsync(texts, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Stop serving: release the session after <paramref name="grace"/> once no encoding runs on it.</summary>
    internal void Retire(TimeSpan grace)
    {
        lock (_sync)
        {
            if (_retired)
            {
                return;
            }
            _retired = true;
        }
        if (grace <= TimeSpan.Zero)
        {
            EndGrace();
        }
        else
        {
            _ = Task.Delay(grace).ContinueWith(_ => EndGrace(), TaskScheduler.Default);
        }
    }

    /// <summary>Release the session now (the cache is being disposed).</summary>
    internal void ReleaseNow()
    {
        lock (_sync)
        {
            _retired = true;
            _graceOver = true;
        }
        ReleaseIfIdle();
    }

    private void EndGrace()
    {
        lock (_sync)
        {
            _graceOver = true;
        }
        ReleaseIfIdle();
    }

    private void Enter()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(IsReleased, this);
            _inFlight++;
        }
    }

    private void Exit()
    {
        lock (_sync)
        {
            _inFlight--;
        }
        ReleaseIfIdle();
    }

    private void ReleaseIfIdle()
    {
        lock (_sync)
        {
            if (IsReleased || !_retired || !_graceOver || _inFlight > 0)
            {
                return;
            }
            IsReleased = true; // under the lock: no encoding can enter from here on
        }
        _inner.Dispose();
        // glibc keeps the session's freed blocks in its arenas: without a trim, every version rollout left ~25 MiB of
        // anonymous memory behind (docs/benchmarks/soak-memory.md, "query encoder probe", variant reload vs reload-trim).
        NativeHeap.Trim();
    }

    void IDisposable.Dispose()
    {
        // Owned by QueryEncoderCache: a caller's using block must not release a session other requests share.
    }
}
