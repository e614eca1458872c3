using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenQ.Training.Modeling;

/// <summary>Feed-forward expansion with exact (erf) GELU, as BERT (HF keys <c>intermediate.dense</c>).</summary>
public sealed class BertIntermediate : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly Linear dense;
#pragma warning restore IDE1006

    public BertIntermediate(BertConfig config) : base(nameof(BertIntermediate))
    {
        dense = nn.Linear(config.HiddenSize, config.IntermediateSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var projected = Autocast.Linear(dense, hidden); // (batch, seq, intermediate), bf16 under autocast (GELU too, as torch.autocast)
        return nn.functional.gelu(projected);
    }
}
