using TorchSharp;
using static TorchSharp.torch;

namespace GenQ.Training.Modeling;

/// <summary>Self-attention plus its output block (HF keys <c>attention.self.*</c>, <c>attention.output.*</c>).</summary>
public sealed class BertAttention : nn.Module<Tensor, Tensor?, Tensor>
{
#pragma warning disable IDE1006
    private readonly BertSelfAttention self;
    private readonly BertSelfOutput output;
#pragma warning restore IDE1006

    public BertAttention(BertConfig config) : base(nameof(BertAttention))
    {
        self = new BertSelfAttention(config);
        output = new BertSelfOutput(config.HiddenSize, config);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor? keyMask)
    {
        using var context = self.forward(hidden, keyMask); // (batch, seq, hidden)
        return output.forward(context, hidden);
    }
}
