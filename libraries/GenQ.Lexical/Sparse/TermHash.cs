using System.Text;

namespace GenQ.Lexical.Sparse;

/// <summary>
/// Maps a term to a sparse-vector index with 32-bit FNV-1a over its UTF-8 bytes: stable across processes, machines
/// and .NET versions (unlike <see cref="string.GetHashCode()"/>), needing no vocabulary.
/// <para>
/// Collisions: two different terms with the same hash are one dimension. Within a document or query their weights are
/// added; across the corpus Qdrant counts their documents together, so both get the IDF of the union. With V distinct
/// terms about V^2 / 2^33 pairs collide (about 1 pair for 100,000 terms, 116 for 1,000,000), each affecting only
/// queries with one of the two terms, so the effect on ranking is negligible.
/// </para>
/// </summary>
public static class TermHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Fnv1a(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        Span<byte> buffer = term.Length <= 128 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(term.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(term.Length)];
        var length = Encoding.UTF8.GetBytes(term, buffer);
        var hash = OffsetBasis;
        foreach (var b in buffer[..length])
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }
}
