using System.Numerics.Tensors;

namespace GenQ.Embeddings.Inference;

/// <summary>
/// Sentence-transformers' pooling for this project: mean over the token embeddings where the attention mask is 1,
/// then L2 normalisation. The TorchSharp training model implements the same definition (parity-tested).
/// </summary>
public static class EmbeddingPooling
{
    /// <summary>
    /// Mean-pools one row of <paramref name="tokenEmbeddings"/> ([seq, dim] slice of [batch, seq, dim]) and L2-normalises it.
    /// </summary>
    public static float[] MeanPoolAndNormalize(ReadOnlySpan<float> tokenEmbeddings, ReadOnlySpan<long> attentionMask, int dimension)
    {
        var pooled = new float[dimension];
        var count = 0;
        for (var t = 0; t < attentionMask.Length; t++)
        {
            if (attentionMask[t] == 0)
            {
                continue;
            }

            TensorPrimitives.Add(pooled, tokenEmbeddings.Slice(t * dimension, dimension), pooled);
            count++;
        }

        // sentence-transformers clamps the token count at 1e-9; a row always holds [CLS] and [SEP], so count >= 1.
        TensorPrimitives.Divide(pooled, Math.Max(count, 1e-9f), pooled);
        Normalize(pooled);
        return pooled;
    }

    /// <summary>In-place L2 normalisation with the same epsilon as torch.nn.functional.normalize (1e-12).</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        TensorPrimitives.Divide(vector, Math.Max(norm, 1e-12f), vector);
    }
}
