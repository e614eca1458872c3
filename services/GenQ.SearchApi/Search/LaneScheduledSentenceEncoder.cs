using GenQ.Embeddings;
using GenQ.Embeddings.Models;

namespace GenQ.SearchApi.Search;

/// <summary>
/// A query encoder whose <see cref="EncodeAsync"/> runs on the shared <see cref="QueryEncodingLanes"/> (in arrival order,
/// one encoding per lane at a time); <see cref="Encode"/> (bulk, e.g. evaluation) runs on the caller's thread as before.
/// </summary>
public sealed class LaneScheduledSentenceEncoder(ISentenceEncoder inner, QueryEncodingLanes lanes) : ISentenceEncoder
{
    public ModelManifest Manifest => inner.Manifest;

    public int Dimension => inner.Dimension;

    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        => inner.Encode(texts, cancellationToken);

    public Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        => lanes.EncodeAsync(inner, texts, cancellationToken);

    public void Dispose() => inner.Dispose();
}
