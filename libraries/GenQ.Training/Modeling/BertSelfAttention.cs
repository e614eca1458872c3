using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenQ.Training.Modeling;

/// <summary>
/// Multi-head self-attention (HF keys <c>attention.self.{query,key,value}</c>) on PyTorch's fused
/// scaled_dot_product_attention kernel; padding keys are masked out.
/// </summary>
public sealed class BertSelfAttention : nn.Module<Tensor, Tensor?, Tensor>
{
#pragma warning disable IDE1006
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
#pragma warning restore IDE1006
    private readonly int _heads;
    private readonly int _headSize;
    private readonly double _dropout;

    public BertSelfAttention(BertConfig config) : base(nameof(BertSelfAttention))
    {
        _heads = config.NumAttentionHeads;
        _headSize = config.HiddenSize / config.NumAttentionHeads;
        _dropout = config.AttentionProbsDropoutProb;
        query = nn.Linear(config.HiddenSize, config.HiddenSize);
        key = nn.Linear(config.HiddenSize, config.HiddenSize);
        value = nn.Linear(config.HiddenSize, config.HiddenSize);
        RegisterComponents();
    }

    /// <param name="hidden">(batch, seq, hidden)</param>
    /// <param name="keyMask">(batch, 1, 1, seq) additive: 0 for real keys, a large negative value for padding; null when nothing is padded</param>
    public override Tensor forward(Tensor hidden, Tensor? keyMask)
    {
        using var scope = NewDisposeScope();
        var batch = hidden.shape[0];
        var seq = hidden.shape[1];
        // Under autocast the projections are bf16, but attention itself runs in float32: libtorch 2.10's CPU flash
        // attention is several times slower in bf16 than in fp32 (fwd+bwd, see `ops` in docs/benchmarks/training.md),
        // and float32 keeps the additive mask and softmax exact. The casts are cheap next to the projections.
        var q = Float32(Autocast.Linear(query, hidden)).view(batch, seq, _heads, _headSize).transpose(1, 2); // (batch, heads, seq, head)
        var k = Float32(Autocast.Linear(key, hidden)).view(batch, seq, _heads, _headSize).transpose(1, 2);   // (batch, heads, seq, head)
        var v = Float32(Autocast.Linear(value, hidden)).view(batch, seq, _heads, _headSize).transpose(1, 2); // (batch, heads, seq, head)
        var context = nn.functional.scaled_dot_product_attention(q, k, v, keyMask, training ? _dropout : 0.0, false); // (batch, heads, seq, head)
        return context.transpose(1, 2).reshape(batch, seq, _heads * _headSize).MoveToOuterDisposeScope(); // (batch, seq, hidden)
    }

    private static Tensor Float32(Tensor projected) => projected.dtype == ScalarType.Float32 ? projected : projected.to_type(ScalarType.Float32);
}
