using TorchSharp;
using static TorchSharp.torch;

namespace GenQ.Training.Modeling;

/// <summary>
/// Mean of the token embeddings where the attention mask is 1 (sentence-transformers' <c>Pooling</c>, mean mode).
/// Must match <c>GenQ.Embeddings.Inference.EmbeddingPooling</c>; the parity tests hold them together.
/// </summary>
public sealed class MeanPooling : nn.Module<EncoderFeatures, EncoderFeatures>
{
    public MeanPooling() : base(nameof(MeanPooling))
    {
    }

    public override EncoderFeatures forward(EncoderFeatures features)
    {
        var tokens = features.TokenEmbeddings
            ?? throw new InvalidOperationException("MeanPooling needs TokenEmbeddings; run BertModel first.");
        using var scope = NewDisposeScope();
        var mask = features.AttentionMask.unsqueeze(-1).to_type(tokens.dtype);  // (batch, seq, 1)
        var summed = (tokens * mask).sum(1);                                       // (batch, hidden)
        var counts = mask.sum(1).clamp_min(1e-9);                                  // (batch, 1)
        return features with { SentenceEmbedding = (summed / counts).MoveToOuterDisposeScope() }; // (batch, hidden)
    }
}
