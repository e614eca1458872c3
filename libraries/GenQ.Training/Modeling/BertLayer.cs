using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenQ.Training.Modeling;

/// <summary>One transformer block: attention, GELU feed-forward, residual LayerNorms (HF keys <c>encoder.layer.N.*</c>).</summary>
public sealed class BertLayer : nn.Module<Tensor, Tensor?, Tensor>
{
#pragma warning disable IDE1006
    private readonly BertAttention attention;
    private readonly BertIntermediate intermediate;
    private readonly BertSelfOutput output;
#pragma warning restore IDE1006

    public BertLayer(BertConfig config) : base(nameof(BertLayer))
    {
        attention = new BertAttention(config);
        intermediate = new BertIntermediate(config);
        output = new BertSelfOutput(config.IntermediateSize, config);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor? keyMask)
    {
        using var attended = attention.forward(hidden, keyMask); // (batch, seq, hidden)
        using var expanded = intermediate.forward(attended);    // (batch, seq, intermediate)
        return output.forward(expanded, attended);               // (batch, seq, hidden)
    }
}
