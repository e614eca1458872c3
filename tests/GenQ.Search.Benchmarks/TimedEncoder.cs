using System.Collections.Concurrent;
using System.Diagnostics;
using GenQ.Embeddings;
using GenQ.Embeddings.Models;

namespace GenQ.Search.Benchmarks;

/// <summary>Records how long each synchronous Encode call takes (the service time, without queueing before it).</summary>
internal sealed class TimedEncoder(ISentenceEncoder inner) : ISentenceEncoder
{
    private readonly ConcurrentQueue<double> _ms = new();

    public ModelManifest Manifest => inner.Manifest;

    public int Dimension => inner.Dimension;

    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var t0 = Stopwatch.GetTimestamp();
        var vectors = inner.Encode(texts, cancellationToken);
        _ms.Enqueue(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        return vectors;
    }

    public Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        => Task.Run(() => Encode(texts, cancellationToken), cancellationToken);

    /// <summary>p50 / p99 / max of the calls since the last call of this method.</summary>
    public string TakeSummary()
    {
        var all = new List<double>();
        while (_ms.TryDequeue(out var ms))
        {
            all.Add(ms);
        }

        if (all.Count == 0)
        {
            return "";
        }

        all.Sort();
        return $"service p50 {all[all.Count / 2]:F2} p99 {all[(int)(all.Count * 0.99)]:F2} max {all[^1]:F2} ms";
    }

    public void Dispose() => inner.Dispose();
}
