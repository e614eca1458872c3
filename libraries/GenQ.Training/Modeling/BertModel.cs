using TorchSharp;
using static TorchSharp.torch;

namespace GenQ.Training.Modeling;

/// <summary>
/// A BERT encoder whose state_dict keys are exactly Hugging Face's <c>BertModel</c> keys (without the pooler, which
/// sentence embeddings do not use): <c>embeddings.word_embeddings.weight</c>, <c>encoder.layer.0.attention.self.query.weight</c>, ...
/// </summary>
public sealed class BertModel : nn.Module<EncoderFeatures, EncoderFeatures>
{
#pragma warning disable IDE1006
    private readonly BertEmbeddings embeddings;
    private readonly BertEncoder encoder;
#pragma warning restore IDE1006

    public BertModel(BertConfig config) : base(nameof(BertModel))
    {
        Config = config.Validated("BertConfig");
        embeddings = new BertEmbeddings(config);
        encoder = new BertEncoder(config);
        RegisterComponents();
    }

    public BertConfig Config { get; }

    public override EncoderFeatures forward(EncoderFeatures features)
    {
        // Additive key mask as in Hugging Face BERT: 0 for real tokens, a large negative number for padding. A batch
        // without padding needs none, which lets PyTorch pick its fused (flash) attention kernel instead of the math path.
        using var keyMask = HasPadding(features.AttentionMask)
            ? AdditiveKeyMask(features.AttentionMask, embeddingsDtype: ScalarType.Float32) // (batch, 1, 1, seq)
            : null;
        using var embedded = embeddings.forward(features.InputIds, features.TokenTypeIds);             // (batch, seq, hidden)
        return features with { TokenEmbeddings = encoder.forward(embedded, keyMask) };                  // (batch, seq, hidden)
    }

    private static bool HasPadding(Tensor attentionMask)
    {
        using var min = attentionMask.min();
        return min.item<long>() == 0;
    }

    private static Tensor AdditiveKeyMask(Tensor attentionMask, ScalarType embeddingsDtype)
    {
        using var scope = NewDisposeScope();
        var mask = attentionMask.to_type(embeddingsDtype).unsqueeze(1).unsqueeze(1); // (batch, 1, 1, seq)
        return ((1.0f - mask) * float.MinValue).MoveToOuterDisposeScope();             // (batch, 1, 1, seq)
    }
}
