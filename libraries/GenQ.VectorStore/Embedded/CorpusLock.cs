using System.Collections.Concurrent;

namespace GenQ.VectorStore.Embedded;

/// <summary>
/// Serialises writers of one corpus: a semaphore inside the process and an exclusive lock file across processes
/// (the trainer and the search API may share a data directory). Readers never take it.
/// </summary>
internal sealed class CorpusLock(EmbeddedLayout layout)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(25);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _semaphores = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> AcquireAsync(string corpus, CancellationToken cancellationToken)
    {
        var semaphore = _semaphores.GetOrAdd(corpus, static _ => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var path = layout.LockFile(corpus);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            while (true)
            {
                try
                {
                    // FileShare.None is an exclusive advisory lock (flock) on Unix and a share lock on Windows.
                    var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return new Releaser(semaphore, file);
                }
                catch (IOException)
                {
                    await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            semaphore.Release();
            throw;
        }
    }

    private sealed class Releaser(SemaphoreSlim semaphore, FileStream file) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await file.DisposeAsync().ConfigureAwait(false);
            semaphore.Release();
        }
    }
}
