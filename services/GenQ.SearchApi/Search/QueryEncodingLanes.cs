using GenQ.Embeddings;
using GenQ.Embeddings.Inference;

namespace GenQ.SearchApi.Search;

/// <summary>
/// A fixed set of dedicated threads ("lanes", by default one per core) that run query encodings strictly in arrival
/// order across all corpora and model versions; a lane that takes a single query also takes waiting queries of similar
/// length for the same encoder and encodes them in one Run (<see cref="LaneQueue"/>).
/// </summary>
/// <remarks>
/// Why not the thread pool: a query encoding is a few milliseconds of pure CPU. On the pool, with more encodings running
/// than cores, the OS time-slices them and a long query finishes several times later than its own CPU time. A lane
/// encodes the oldest request on its own thread without interruption, so a request waits only for the work ahead of it.
/// Why similar lengths only: one Run pads every query to the longest, and padding costs what the shared Run saves;
/// queries of close length share a Run for about a third less CPU each (docs/benchmarks/search.md).
/// </remarks>
public sealed class QueryEncodingLanes : IDisposable
{
    private readonly LaneQueue _queue;
    private readonly Thread[] _threads;
    private long _runs;
    private long _requests;

    /// <param name="lanes">Dedicated encoding threads (encodings that run at once).</param>
    /// <param name="maxQueriesPerRun">Most single queries one lane encodes together; 1 turns batching off.</param>
    /// <param name="maxPadding">Padded tokens allowed per real token in a shared Run (≥ 1).</param>
    public QueryEncodingLanes(int lanes, int maxQueriesPerRun = 8, double maxPadding = 1.2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueriesPerRun, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPadding, 1.0);
        _queue = new LaneQueue(maxQueriesPerRun, maxPadding);
        _threads = new Thread[lanes];
        for (var i = 0; i < lanes; i++)
        {
            _threads[i] = new Thread(Serve) { IsBackground = true, Name = $"query-encoding-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Number of lanes.</summary>
    public int Lanes => _threads.Length;

    /// <summary>Requests waiting for a lane right now.</summary>
    public int Waiting => _queue.Count;

    /// <summary>Encoder calls made so far (one per lone request or shared Run).</summary>
    public long Runs => Interlocked.Read(ref _runs);

    /// <summary>Requests answered so far; divided by <see cref="Runs"/>, the mean requests per Run.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Queues <paramref name="texts"/> for <paramref name="encoder"/>; the task completes off the lane thread.</summary>
    public Task<float[][]> EncodeAsync(ISentenceEncoder encoder, IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(texts);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<float[][]>(cancellationToken);
        }

        if (texts.Count == 0)
        {
            return Task.FromResult(Array.Empty<float[]>());
        }

        var work = new LaneWork(encoder, texts, LongestTokens(encoder, texts), cancellationToken);
        return _queue.TryAdd(work)
            ? work.Task
            : throw new ObjectDisposedException(nameof(QueryEncodingLanes), "The query encoding lanes are shut down.");
    }

    public void Dispose()
    {
        _queue.Close();
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }

    // Token counts decide batch mates; an encoder without a tokenizer is grouped by characters instead.
    private static int LongestTokens(ISentenceEncoder encoder, IReadOnlyList<string> texts)
    {
        var longest = 0;
        foreach (var text in texts)
        {
            ArgumentNullException.ThrowIfNull(text, nameof(texts));
            longest = Math.Max(longest, encoder is OnnxSentenceEncoder onnx ? onnx.CountTokens(text) : text.Length);
        }

        return longest;
    }

    private void Serve()
    {
        while (_queue.Take() is { } batch)
        {
            Run(batch);
            Interlocked.Increment(ref _runs);
            Interlocked.Add(ref _requests, batch.Count);
        }
    }

    private static void Run(List<LaneWork> batch)
    {
        if (batch.Count == 1)
        {
            batch[0].RunAlone();
            return;
        }

        float[][] vectors;
        try
        {
            vectors = batch[0].Encoder.Encode(batch.Select(w => w.Texts[0]).ToList());
        }
        catch (Exception)
        {
            // Something in the shared Run failed: encode each alone, so only the request at fault sees its exception.
            foreach (var work in batch)
            {
                work.RunAlone();
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Complete([vectors[i]]);
        }
    }
}
