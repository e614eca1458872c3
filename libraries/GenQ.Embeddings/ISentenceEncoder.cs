using GenQ.Embeddings.Models;

namespace GenQ.Embeddings;

/// <summary>Turns texts into L2-normalised sentence embeddings (cosine similarity = dot product).</summary>
public interface ISentenceEncoder : IDisposable
{
    /// <summary>The manifest of the model folder this encoder serves (model name, version, dimension).</summary>
    ModelManifest Manifest { get; }

    /// <summary>Embedding size, e.g. 384 for all-MiniLM-L6-v2.</summary>
    int Dimension { get; }

    /// <summary>Encodes texts; result[i] is the embedding of texts[i].</summary>
    float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);

    /// <summary>Encodes texts off the calling thread.</summary>
    Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
