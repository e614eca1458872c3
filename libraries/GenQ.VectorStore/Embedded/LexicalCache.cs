using System.Collections.Concurrent;
using GenQ.Lexical;
using GenQ.Lexical.Index;

namespace GenQ.VectorStore.Embedded;

/// <summary>
/// Read-only Lucene indexes of published versions, opened once per build (key "corpus/version/buildId") and shared by
/// every search. Evicting disposes the index; a search that still holds it either finishes on its reader (Lucene
/// reference counting) or fails with <see cref="ObjectDisposedException"/> and is retried by the caller.
/// </summary>
internal sealed class LexicalCache
{
    private readonly ConcurrentDictionary<string, Lazy<LuceneLexicalIndex>> _open = new(StringComparer.Ordinal);

    public LuceneLexicalIndex GetOrOpen(string key, string path, Bm25Parameters parameters)
    {
        var lazy = _open.GetOrAdd(key, _ => new Lazy<LuceneLexicalIndex>(() => LuceneLexicalIndex.OpenReadOnly(path, parameters)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _open.TryRemove(new KeyValuePair<string, Lazy<LuceneLexicalIndex>>(key, lazy)); // let the next call retry
            throw;
        }
    }

    public void Evict(Func<string, bool> match)
    {
        foreach (var key in _open.Keys.Where(match))
        {
            if (_open.TryRemove(key, out var lazy) && lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }
    }
}
