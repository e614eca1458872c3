using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace GenQ.Training.Benchmarks;

/// <summary>
/// scaled_dot_product_attention forward+backward at MiniLM's passage shape (32 × 12 heads × 128 × 32), without a mask,
/// with an additive float mask and with a boolean mask, alternated in one process so machine load affects all alike.
/// </summary>
internal static class AttentionMicroBench
{
    public static string Run(int rounds = 5, double dropout = 0.1)
    {
        using var q = randn(32, 12, 128, 32).requires_grad_();
        using var k = randn(32, 12, 128, 32).requires_grad_();
        using var v = randn(32, 12, 128, 32).requires_grad_();
        using var floatMask = zeros(32, 1, 1, 128);
        using var boolMask = ones(32, 1, 1, 128, ScalarType.Bool);
        var variants = new (string Name, Tensor? Mask)[] { ("none", null), ("float", floatMask), ("bool", boolMask) };
        var totals = new double[variants.Length];
        for (var round = 0; round <= rounds; round++)
        {
            for (var i = 0; i < variants.Length; i++)
            {
                using var scope = NewDisposeScope();
                var clock = Stopwatch.StartNew();
                var output = nn.functional.scaled_dot_product_attention(q, k, v, variants[i].Mask, dropout, false);
                output.sum().backward();
                if (round > 0)
                {
                    totals[i] += clock.Elapsed.TotalMilliseconds;
                }
            }
        }

        return string.Join(", ", variants.Select((v, i) => $"{v.Name} mask {totals[i] / rounds:F0} ms"));
    }
}
