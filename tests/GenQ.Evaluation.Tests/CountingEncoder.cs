using GenQ.Embeddings;
using GenQ.Embeddings.Models;

namespace GenQ.Evaluation.Tests;

/// <summary>A real encoder that counts the texts it embeds (to check a corpus is encoded once).</summary>
internal sealed class CountingEncoder(ISentenceEncoder inner) : ISentenceEncoder
{
    private int _texts;

    public int TextsEncoded => _texts;

    public ModelManifest Manifest => inner.Manifest;

    public int Dimension => inner.Dimension;

    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref _texts, texts.Count);
        return inner.Encode(texts, cancellationToken);
    }

    public Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref _texts, texts.Count);
        return inner.EncodeAsync(texts, cancellationToken);
    }

    public void Dispose() => inner.Dispose();
}
