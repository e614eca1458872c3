using System.Collections.Concurrent;

namespace GenQ.VectorStore.Embedded;

/// <summary>
/// Runs searches on at most one thread-pool worker per core and lets each worker take every search waiting for the
/// same collection (up to <see cref="MaxBatch"/>) into one matrix pass. A scan is bound by memory bandwidth, so with
/// many concurrent clients a batch costs little more than a single query; with one client nothing waits.
/// With <see cref="VectorStoreOptions.SplitLoneSearches"/>, a search that finds no other work and no other worker
/// splits its scan across the cores instead.
/// Workers exist only while there is work: no threads to stop, nothing to dispose.
/// </summary>
internal sealed class SearchScheduler(bool splitLoneSearches)
{
    public const int MaxBatch = 32;

    private readonly ConcurrentQueue<SearchWork> _queue = new();
    private readonly int _maxWorkers = Environment.ProcessorCount;
    private int _activeWorkers;

    public Task<IReadOnlyList<Model.VectorHit>> SearchAsync(SearchWork work)
    {
        _queue.Enqueue(work);
        TryStartWorker();
        return work.Completion.Task;
    }

    private bool TryStartWorker()
    {
        while (true)
        {
            var active = Volatile.Read(ref _activeWorkers);
            if (active >= _maxWorkers)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _activeWorkers, active + 1, active) == active)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static scheduler => scheduler.Drain(), this, preferLocal: false);
                return true;
            }
        }
    }

    private void Drain()
    {
        var batch = new List<SearchWork>(MaxBatch);
        while (true)
        {
            TakeBatch(batch);
            if (batch.Count == 0)
            {
                Interlocked.Decrement(ref _activeWorkers);
                // Work enqueued between the empty check and the decrement would otherwise wait for the next caller.
                if (_queue.IsEmpty || !TryReacquire())
                {
                    return;
                }

                continue;
            }

            // Alone with idle cores (e.g. a single client): split the scan instead of leaving the cores unused.
            var partitions = splitLoneSearches && _queue.IsEmpty && Volatile.Read(ref _activeWorkers) == 1 ? _maxWorkers : 1;
            Run(batch, partitions);
        }
    }

    private bool TryReacquire()
    {
        var active = Volatile.Read(ref _activeWorkers);
        return active < _maxWorkers && Interlocked.CompareExchange(ref _activeWorkers, active + 1, active) == active;
    }

    // Takes the first waiting search and every other waiting search on the same collection, up to MaxBatch; searches
    // on other collections are put back in order behind them.
    private void TakeBatch(List<SearchWork> batch)
    {
        batch.Clear();
        if (!_queue.TryDequeue(out var first))
        {
            return;
        }

        batch.Add(first);
        var others = new List<SearchWork>();
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
        {
            (ReferenceEquals(next.Collection, first.Collection) ? batch : others).Add(next);
        }

        foreach (var other in others)
        {
            _queue.Enqueue(other);
        }
    }

    private static void Run(List<SearchWork> batch, int partitions)
    {
        batch.RemoveAll(w => w.CancellationToken.IsCancellationRequested && w.Completion.TrySetCanceled(w.CancellationToken));
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            var results = batch[0].Collection.SearchBatch(batch, partitions);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
        catch (Exception ex)
        {
            foreach (var work in batch)
            {
                work.Completion.TrySetException(ex);
            }
        }
    }
}
