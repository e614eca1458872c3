using System.Runtime.InteropServices;
using GenQ.Generation.Testing.T5;

namespace GenQ.Generation.Tests.Testing;

/// <summary>
/// A plain-array T5 forward pass (one sequence, no batching), written from the Hugging Face T5 definition, to check
/// that the ONNX graphs the builder writes compute T5: RMS norm, unscaled attention, relative position bias from the
/// first layer reused by all, causal decoder self-attention, cross-attention without bias, ReLU feed-forward, and the
/// d_model^-0.5 rescale of tied embeddings.
/// </summary>
internal sealed class T5ReferenceForward(T5TestModelSpec spec, T5RandomWeights weights)
{
    public float[][] Encode(long[] ids)
    {
        var x = ids.Select(id => Row("shared.weight", (int)id, spec.DModel)).ToArray();
        var bias = PositionBias("encoder", ids.Length, ids.Length, 0, bidirectional: true);
        for (var i = 0; i < spec.NumLayers; i++)
        {
            var layer = $"encoder.block.{i}.layer";
            var h = x.Select(r => RmsNorm(r, $"{layer}.0.layer_norm.weight")).ToArray();
            Add(x, Attention($"{layer}.0.SelfAttention", h, h, bias));
            Add(x, x.Select(r => FeedForward(RmsNorm(r, $"{layer}.1.layer_norm.weight"), $"{layer}.1")).ToArray());
        }

        return x.Select(r => RmsNorm(r, "encoder.final_layer_norm.weight")).ToArray();
    }

    /// <summary>Logits of the last position of <paramref name="decoderIds"/>.</summary>
    public float[] LastLogits(long[] decoderIds, float[][] encoderStates)
    {
        var t = decoderIds.Length;
        var x = decoderIds.Select(id => Row("shared.weight", (int)id, spec.DModel)).ToArray();
        var bias = PositionBias("decoder", t, t, 0, bidirectional: false);
        for (var q = 0; q < t; q++)
        {
            for (var k = q + 1; k < t; k++)
            {
                for (var head = 0; head < spec.NumHeads; head++)
                {
                    bias[head][q][k] = float.NegativeInfinity;
                }
            }
        }

        var noBias = Enumerable.Range(0, spec.NumHeads).Select(_ => Enumerable.Range(0, t).Select(_ => new float[encoderStates.Length]).ToArray()).ToArray();
        for (var i = 0; i < spec.NumDecoderLayers; i++)
        {
            var layer = $"decoder.block.{i}.layer";
            var h = x.Select(r => RmsNorm(r, $"{layer}.0.layer_norm.weight")).ToArray();
            Add(x, Attention($"{layer}.0.SelfAttention", h, h, bias));
            h = x.Select(r => RmsNorm(r, $"{layer}.1.layer_norm.weight")).ToArray();
            Add(x, Attention($"{layer}.1.EncDecAttention", h, encoderStates, noBias));
            Add(x, x.Select(r => FeedForward(RmsNorm(r, $"{layer}.2.layer_norm.weight"), $"{layer}.2")).ToArray());
        }

        var last = RmsNorm(x[^1], "decoder.final_layer_norm.weight");
        if (spec.TieWordEmbeddings)
        {
            var scale = MathF.Pow(spec.DModel, -0.5f);
            return Enumerable.Range(0, spec.VocabSize).Select(v => Dot(last, Row("shared.weight", v, spec.DModel)) * scale).ToArray();
        }

        return MatVec(last, "lm_head.weight", spec.VocabSize);
    }

    private float[][][] PositionBias(string stack, int queries, int keys, int offset, bool bidirectional)
    {
        var table = Data($"{stack}.block.0.layer.0.SelfAttention.relative_attention_bias.weight");
        return Enumerable.Range(0, spec.NumHeads).Select(head => Enumerable.Range(0, queries).Select(q => Enumerable.Range(0, keys).Select(k =>
        {
            var bucket = T5RelativeBuckets.Bucket(k - (q + offset), bidirectional, spec.RelativeAttentionNumBuckets, spec.RelativeAttentionMaxDistance);
            return table[(bucket * spec.NumHeads) + head];
        }).ToArray()).ToArray()).ToArray();
    }

    private float[][] Attention(string name, float[][] queryInput, float[][] keyInput, float[][][] bias)
    {
        var inner = spec.InnerDim;
        var q = queryInput.Select(r => MatVec(r, $"{name}.q.weight", inner)).ToArray();
        var k = keyInput.Select(r => MatVec(r, $"{name}.k.weight", inner)).ToArray();
        var v = keyInput.Select(r => MatVec(r, $"{name}.v.weight", inner)).ToArray();
        var context = q.Select(_ => new float[inner]).ToArray();
        for (var head = 0; head < spec.NumHeads; head++)
        {
            var o = head * spec.DKv;
            for (var i = 0; i < q.Length; i++)
            {
                var scores = k.Select((kr, j) => Dot(q[i].AsSpan(o, spec.DKv), kr.AsSpan(o, spec.DKv)) + bias[head][i][j]).ToArray();
                var max = scores.Max();
                var exp = scores.Select(s => MathF.Exp(s - max)).ToArray();
                var sum = exp.Sum();
                for (var j = 0; j < k.Length; j++)
                {
                    for (var d = 0; d < spec.DKv; d++)
                    {
                        context[i][o + d] += exp[j] / sum * v[j][o + d];
                    }
                }
            }
        }

        return context.Select(r => MatVec(r, $"{name}.o.weight", spec.DModel)).ToArray();
    }

    private float[] FeedForward(float[] x, string prefix) =>
        MatVec(MatVec(x, $"{prefix}.DenseReluDense.wi.weight", spec.DFf).Select(h => MathF.Max(h, 0)).ToArray(), $"{prefix}.DenseReluDense.wo.weight", spec.DModel);

    private float[] RmsNorm(float[] x, string weight)
    {
        var w = Data(weight);
        var rms = MathF.Sqrt((x.Sum(v => v * v) / x.Length) + spec.LayerNormEpsilon);
        return x.Select((v, i) => v / rms * w[i]).ToArray();
    }

    /// <summary>x [in] times a stored [in, out] weight.</summary>
    private float[] MatVec(float[] x, string weight, int outputs)
    {
        var w = Data(weight);
        var y = new float[outputs];
        for (var i = 0; i < x.Length; i++)
        {
            for (var o = 0; o < outputs; o++)
            {
                y[o] += x[i] * w[(i * outputs) + o];
            }
        }

        return y;
    }

    private static void Add(float[][] x, float[][] delta)
    {
        for (var i = 0; i < x.Length; i++)
        {
            for (var d = 0; d < x[i].Length; d++)
            {
                x[i][d] += delta[i][d];
            }
        }
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private float[] Row(string name, int row, int width) => Data(name).AsSpan(row * width, width).ToArray();

    private float[] Data(string name) => MemoryMarshal.Cast<byte, float>(weights[name].RawData.Span).ToArray();
}
