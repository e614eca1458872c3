using GenQ.Embeddings.Models;

namespace GenQ.Embeddings.Inference;

/// <summary>
/// Query micro-batching: concurrent <see cref="EncodeAsync"/> calls are encoded together in one call of the inner
/// encoder (one ONNX Runtime Run), which on a CPU costs far less than one Run per query. There is no timer: a call that
/// finds the encoder idle starts a batch at once (a lone query is never delayed); calls that arrive while a batch runs
/// wait for it and form the next batch together. Each caller gets exactly its own vectors.
/// </summary>
/// <remarks>
/// With an fp32 model a text's vector does not depend on its batch mates (beyond float rounding, cosine ≥ 0.9999). With
/// a dynamically quantised int8 model the activation range is taken over the whole batch, so vectors move slightly with
/// the batch (cosine ≈ 0.99), as they do in bulk encoding. <see cref="Encode"/> (bulk, synchronous) is not batched.
/// </remarks>
public sealed class MicroBatchingSentenceEncoder : ISentenceEncoder
{
    private readonly ISentenceEncoder _inner;
    private readonly int _maxTexts;
    private readonly bool _ownsInner;
    private readonly Lock _gate = new();
    private readonly Queue<PendingEncode> _queue = new();
    private bool _draining;
    private long _batches;
    private long _texts;

    /// <param name="inner">The encoder that runs the batches (e.g. an <see cref="OnnxSentenceEncoder"/>); its own batch
    /// size should be at least <paramref name="maxTextsPerBatch"/> so one gathered batch is one Run.</param>
    /// <param name="maxTextsPerBatch">Upper bound of texts gathered into one call; a single larger request still runs whole.</param>
    /// <param name="ownsInner">Dispose <paramref name="inner"/> with this encoder.</param>
    public MicroBatchingSentenceEncoder(ISentenceEncoder inner, int maxTextsPerBatch = 32, bool ownsInner = true)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTextsPerBatch, 1);
        _inner = inner;
        _maxTexts = maxTextsPerBatch;
        _ownsInner = ownsInner;
    }

    public ModelManifest Manifest => _inner.Manifest;

    public int Dimension => _inner.Dimension;

    /// <summary>The encoder that runs the batches.</summary>
    public ISentenceEncoder Inner => _inner;

    /// <summary>Batches run so far (inner encoder calls from <see cref="EncodeAsync"/>).</summary>
    public long BatchCount => Interlocked.Read(ref _batches);

    /// <summary>Texts encoded through <see cref="EncodeAsync"/> so far; divided by <see cref="BatchCount"/>, the mean batch size.</summary>
    public long TextCount => Interlocked.Read(ref _texts);

    /// <summary>Bulk encoding, passed straight to the inner encoder (it batches by itself).</summary>
    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        => _inner.Encode(texts, cancellationToken);

    public Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentException($"texts[{i}] is null.", nameof(texts));
            }
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<float[][]>(cancellationToken);
        }

        if (texts.Count == 0)
        {
            return Task.FromResult(Array.Empty<float[]>());
        }

        var pending = new PendingEncode(texts, cancellationToken);
        bool start;
        lock (_gate)
        {
            _queue.Enqueue(pending);
            start = !_draining;
            _draining = true;
        }

        if (start)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.Drain(), this, preferLocal: false);
        }

        return pending.Task;
    }

    public void Dispose()
    {
        if (_ownsInner)
        {
            _inner.Dispose();
        }
    }

    // One drain loop at a time per encoder: it takes whatever is queued, runs it, and repeats until the queue is empty.
    private void Drain()
    {
        var batch = new List<PendingEncode>();
        while (true)
        {
            batch.Clear();
            lock (_gate)
            {
                var texts = 0;
                while (_queue.TryPeek(out var next) && (batch.Count == 0 || texts + next.Texts.Count <= _maxTexts))
                {
                    _queue.Dequeue();
                    if (!next.Task.IsCompleted) // cancelled while waiting: skip its work
                    {
                        batch.Add(next);
                        texts += next.Texts.Count;
                    }
                }

                if (batch.Count == 0 && _queue.Count == 0)
                {
                    _draining = false;
                    return;
                }
            }

            if (batch.Count > 0)
            {
                Run(batch);
            }
        }
    }

    private void Run(List<PendingEncode> batch)
    {
        if (batch.Count == 1)
        {
            RunAlone(batch[0]);
            return;
        }

        var all = new List<string>(batch.Sum(p => p.Texts.Count));
        foreach (var pending in batch)
        {
            all.AddRange(pending.Texts);
        }

        float[][] vectors;
        try
        {
            vectors = _inner.Encode(all);
        }
        catch (Exception)
        {
            // Something in the batch failed: encode each request alone, so only the one at fault sees its exception.
            foreach (var pending in batch)
            {
                RunAlone(pending);
            }

            return;
        }

        Count(all.Count);
        var offset = 0;
        foreach (var pending in batch)
        {
            pending.Complete(vectors.AsSpan(offset, pending.Texts.Count).ToArray());
            offset += pending.Texts.Count;
        }
    }

    private void RunAlone(PendingEncode pending)
    {
        try
        {
            var vectors = _inner.Encode(pending.Texts, pending.CancellationToken);
            Count(pending.Texts.Count);
            pending.Complete(vectors);
        }
        catch (OperationCanceledException) when (pending.CancellationToken.IsCancellationRequested)
        {
            pending.Cancel();
        }
        catch (Exception ex)
        {
            pending.Fail(ex);
        }
    }

    private void Count(int texts)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _texts, texts);
    }
}
