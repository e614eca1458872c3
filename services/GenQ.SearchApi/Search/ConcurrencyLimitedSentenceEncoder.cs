using GenQ.Embeddings;
using GenQ.Embeddings.Models;

namespace GenQ.SearchApi.Search;

/// <summary>
/// Lets at most as many query encodings run at once as the shared gate allows (by default one per core) and queues the
/// rest in arrival order. A query encoding is a few milliseconds of pure CPU; with more of them running than cores, the
/// OS time-slices them and every one finishes late (a p99 several times the p50), while queued ones start only when a
/// core is free and finish in about their own CPU time.
/// </summary>
public sealed class ConcurrencyLimitedSentenceEncoder(ISentenceEncoder inner, SemaphoreSlim gate) : ISentenceEncoder
{
    public ModelManifest Manifest => inner.Manifest;

    public int Dimension => inner.Dimension;

    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        gate.Wait(cancellationToken);
        try
        {
            return inner.Encode(texts, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false); // waiting costs no thread
        try
        {
            return await inner.EncodeAsync(texts, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => inner.Dispose();
}
