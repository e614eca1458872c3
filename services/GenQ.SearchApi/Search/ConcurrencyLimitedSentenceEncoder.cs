using System.Diagnostics;
using GenQ.Embeddings;
using GenQ.Embeddings.Models;

namespace GenQ.SearchApi.Search;

/// <summary>
/// Lets at most as many query encodings run at once as the shared gate allows (by default one per core) and queues the
/// rest in arrival order. A query encoding is a few milliseconds of pure CPU; with more of them running than cores, the
/// OS time-slices them and every one finishes late (a p99 several times the p50), while queued ones start only when a
/// core is free and finish in about their own CPU time. Waits and encoding times go to <see cref="QueryEncodingMetrics"/>.
/// </summary>
/// <param name="corpus">Corpus whose queries this encoder embeds (a metrics tag).</param>
/// <param name="modelVersion">Model version this encoder serves (a metrics tag).</param>
public sealed class ConcurrencyLimitedSentenceEncoder(ISentenceEncoder inner, SemaphoreSlim gate, string corpus = "", string modelVersion = "") : ISentenceEncoder
{
    private readonly TagList _tags = QueryEncodingMetrics.Tags(corpus, modelVersion);

    public ModelManifest Manifest => inner.Manifest;

    public int Dimension => inner.Dimension;

    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var waitStart = Stopwatch.GetTimestamp();
        QueryEncodingMetrics.StartedWaiting(_tags);
        try
        {
            gate.Wait(cancellationToken);
        }
        finally
        {
            QueryEncodingMetrics.StoppedWaiting(_tags);
        }

        QueryEncodingMetrics.RecordWait(waitStart, _tags);
        var runStart = Stopwatch.GetTimestamp();
        try
        {
            return inner.Encode(texts, cancellationToken);
        }
        finally
        {
            gate.Release();
            QueryEncodingMetrics.RecordDuration(runStart, _tags);
        }
    }

    public async Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var waitStart = Stopwatch.GetTimestamp();
        QueryEncodingMetrics.StartedWaiting(_tags);
        try
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false); // waiting costs no thread
        }
        finally
        {
            QueryEncodingMetrics.StoppedWaiting(_tags);
        }

        QueryEncodingMetrics.RecordWait(waitStart, _tags);
        var runStart = Stopwatch.GetTimestamp();
        try
        {
            return await inner.EncodeAsync(texts, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
            QueryEncodingMetrics.RecordDuration(runStart, _tags);
        }
    }

    public void Dispose() => inner.Dispose();
}
