using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenQ.Training.Modeling;

/// <summary>The stack of transformer layers (HF keys <c>encoder.layer.N.*</c>).</summary>
public sealed class BertEncoder : nn.Module<Tensor, Tensor?, Tensor>
{
#pragma warning disable IDE1006
    private readonly ModuleList<BertLayer> layer;
#pragma warning restore IDE1006

    public BertEncoder(BertConfig config) : base(nameof(BertEncoder))
    {
        layer = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new BertLayer(config)).ToArray());
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor? keyMask)
    {
        var current = hidden.alias();
        foreach (var block in layer)
        {
            var next = block.forward(current, keyMask); // (batch, seq, hidden)
            current.Dispose();
            current = next;
        }

        return current;
    }
}
