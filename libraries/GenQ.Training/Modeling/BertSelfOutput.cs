using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenQ.Training.Modeling;

/// <summary>Projection + dropout + residual LayerNorm after a sub-layer (HF keys <c>*.output.{dense,LayerNorm}</c>).</summary>
public sealed class BertSelfOutput : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly Linear dense;
    private readonly LayerNorm LayerNorm;
    private readonly Dropout dropout;
#pragma warning restore IDE1006

    public BertSelfOutput(long inFeatures, BertConfig config) : base(nameof(BertSelfOutput))
    {
        dense = nn.Linear(inFeatures, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropout = nn.Dropout(config.HiddenDropoutProb);
        RegisterComponents();
    }

    /// <param name="hidden">(batch, seq, inFeatures)</param>
    /// <param name="residual">(batch, seq, hidden)</param>
    public override Tensor forward(Tensor hidden, Tensor residual)
    {
        using var scope = NewDisposeScope();
        var projected = dropout.forward(Autocast.Linear(dense, hidden)); // (batch, seq, hidden), bf16 under autocast
        // Under autocast the sum is promoted to the float32 of the residual, so the residual stream and LayerNorm stay float32.
        var sum = projected.dtype == residual.dtype ? projected.add_(residual) : residual + projected; // (batch, seq, hidden)
        return LayerNorm.forward(sum).MoveToOuterDisposeScope();
    }
}
