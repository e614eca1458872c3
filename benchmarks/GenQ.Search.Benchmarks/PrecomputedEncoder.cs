using GenQ.Embeddings;
using GenQ.Embeddings.Models;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// Decomposition aid, not a search mode: returns query vectors encoded beforehand, so a load run measures the index
/// (and the request loop) alone. Rows using it are labelled "index only".
/// </summary>
internal sealed class PrecomputedEncoder(ISentenceEncoder source, IReadOnlyList<string> texts) : ISentenceEncoder
{
    private readonly Dictionary<string, float[]> _vectors = texts.Distinct().Zip(source.Encode(texts.Distinct().ToList())).ToDictionary(p => p.First, p => p.Second);

    public ModelManifest Manifest => source.Manifest;

    public int Dimension => source.Dimension;

    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) => texts.Select(t => _vectors[t]).ToArray();

    public Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) => Task.FromResult(Encode(texts, cancellationToken));

    public void Dispose()
    {
    }
}
