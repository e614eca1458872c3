using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenQ.Training.Optimization;

/// <summary>AdamW as sentence-transformers configures it: weight decay on weights, none on biases and LayerNorm.</summary>
public static class OptimizerFactory
{
    public static AdamW CreateAdamW(nn.Module model, double learningRate, double weightDecay)
    {
        var decay = new List<Parameter>();
        var noDecay = new List<Parameter>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            (IsNoDecay(name) ? noDecay : decay).Add(parameter);
        }

        return optim.AdamW(
        [
            new AdamW.ParamGroup(decay, lr: learningRate, weight_decay: weightDecay),
            new AdamW.ParamGroup(noDecay, lr: learningRate, weight_decay: 0.0),
        ], lr: learningRate);
    }

    /// <summary>Same rule as transformers' Trainer: biases and LayerNorm parameters get no weight decay.</summary>
    public static bool IsNoDecay(string parameterName)
        => parameterName.EndsWith(".bias", StringComparison.Ordinal) || parameterName.Contains("LayerNorm", StringComparison.Ordinal);
}
