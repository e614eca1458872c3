using TorchSharp;
using static TorchSharp.torch;

namespace GenQ.Training.Modeling;

/// <summary>L2-normalises the sentence embedding, so cosine similarity is a dot product.</summary>
public sealed class Normalize : nn.Module<EncoderFeatures, EncoderFeatures>
{
    public Normalize() : base(nameof(Normalize))
    {
    }

    public override EncoderFeatures forward(EncoderFeatures features)
    {
        var embedding = features.SentenceEmbedding
            ?? throw new InvalidOperationException("Normalize needs SentenceEmbedding; run MeanPooling first.");
        return features with { SentenceEmbedding = nn.functional.normalize(embedding, p: 2, dim: 1, eps: 1e-12) }; // (batch, hidden)
    }
}
