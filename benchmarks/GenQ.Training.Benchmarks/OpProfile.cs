using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace GenQ.Training.Benchmarks;

/// <summary>
/// Forward + backward time of each kind of operation of one MiniLM layer on the passage shape (32 × 128 tokens), fp32
/// against bf16: shows where a training step spends its time once the GEMMs run on AMX.
/// </summary>
internal static class OpProfile
{
    public static IEnumerable<(string Op, double Fp32Ms, double Bf16Ms)> Run(int repeats = 3)
    {
        const int batch = 32, seq = 128, hidden = 384, inter = 1536, heads = 12;
        var ops = new (string Name, Func<ScalarType, Tensor> Make)[]
        {
            ("linear 384→384", dt => nn.functional.linear(Leaf(dt, batch * seq, hidden), Leaf(dt, hidden, hidden), Leaf(dt, hidden))),
            ("linear 384→1536", dt => nn.functional.linear(Leaf(dt, batch * seq, hidden), Leaf(dt, inter, hidden), Leaf(dt, inter))),
            ("linear 1536→384", dt => nn.functional.linear(Leaf(dt, batch * seq, inter), Leaf(dt, hidden, inter), Leaf(dt, hidden))),
            ("gelu 4096×1536", dt => nn.functional.gelu(Leaf(dt, batch * seq, inter))),
            ("layer_norm 4096×384 (fp32 both)", _ => nn.functional.layer_norm(Leaf(ScalarType.Float32, batch * seq, hidden), [hidden], Leaf(ScalarType.Float32, hidden), Leaf(ScalarType.Float32, hidden), 1e-12)),
            ("dropout 0.1 4096×384", dt => nn.functional.dropout(Leaf(dt, batch * seq, hidden), 0.1, true)),
            ("sdpa dropout 0", dt => nn.functional.scaled_dot_product_attention(Leaf(dt, batch, heads, seq, 32), Leaf(dt, batch, heads, seq, 32), Leaf(dt, batch, heads, seq, 32), null, 0.0, false)),
            ("sdpa dropout 0.1", dt => nn.functional.scaled_dot_product_attention(Leaf(dt, batch, heads, seq, 32), Leaf(dt, batch, heads, seq, 32), Leaf(dt, batch, heads, seq, 32), null, 0.1, false)),
            ("cast 4096×384 bf16↔fp32", dt => Leaf(ScalarType.Float32, batch * seq, hidden).to_type(dt).to_type(ScalarType.Float32)),
            ("residual add bf16+fp32", dt => Leaf(dt, batch * seq, hidden) + Leaf(ScalarType.Float32, batch * seq, hidden)),
        };
        foreach (var (name, make) in ops)
        {
            yield return (name, Time(() => make(ScalarType.Float32), repeats), Time(() => make(ScalarType.BFloat16), repeats));
        }
    }

    private static readonly Dictionary<string, Tensor> Leaves = [];

    /// <summary>Inputs are made once per (dtype, shape) and reused, so the timings hold only the operation.</summary>
    private static Tensor Leaf(ScalarType dtype, params long[] shape)
    {
        var key = dtype + ":" + string.Join('x', shape);
        if (!Leaves.TryGetValue(key, out var leaf))
        {
            leaf = randn(shape).to_type(dtype).detach().requires_grad_(true).DetachFromDisposeScope();
            Leaves[key] = leaf;
        }

        return leaf;
    }

    private static double Time(Func<Tensor> make, int repeats)
    {
        var best = double.MaxValue;
        for (var i = 0; i <= repeats; i++)
        {
            using var scope = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            var output = make();
            output.backward([ones_like(output)]);
            var ms = clock.Elapsed.TotalMilliseconds;
            best = i == 0 ? best : Math.Min(best, ms); // first call warms up; best of the rest resists the shared machine's noise
        }

        return best;
    }
}
