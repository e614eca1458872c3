using static TorchSharp.torch;

namespace GenQ.Training.Modeling;

/// <summary>
/// What flows between the modules of the sentence encoder (sentence-transformers' features dict, typed):
/// the tokenizer fills the inputs, <see cref="BertModel"/> adds token embeddings, <see cref="MeanPooling"/> and
/// <see cref="Normalize"/> produce the sentence embedding.
/// </summary>
public sealed record EncoderFeatures(
    Tensor InputIds,        // (batch, seq) int64
    Tensor AttentionMask,   // (batch, seq) int64, 1 = real token
    Tensor TokenTypeIds)    // (batch, seq) int64
{
    /// <summary>(batch, seq, hidden) output of the transformer.</summary>
    public Tensor? TokenEmbeddings { get; init; }

    /// <summary>(batch, hidden) pooled (and, after Normalize, unit-length) embedding.</summary>
    public Tensor? SentenceEmbedding { get; init; }
}
