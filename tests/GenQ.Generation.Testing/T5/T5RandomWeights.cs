using Google.Protobuf;
using Onnx;
using GenQ.Generation.Testing.Onnx;

namespace GenQ.Generation.Testing.T5;

/// <summary>
/// Random T5 weights, named after the Hugging Face checkpoint keys, scaled like <c>T5PreTrainedModel._init_weights</c>
/// so activations stay finite through 12 layers. Linear weights are stored pre-transposed ([in, out]) for MatMul,
/// as the ONNX exporter writes them. The same instance feeds every graph of a model, so the files share weights.
/// </summary>
public sealed class T5RandomWeights
{
    private readonly Dictionary<string, TensorProto> _tensors = [];
    private readonly Random _random;

    public T5RandomWeights(T5TestModelSpec spec)
    {
        _random = new Random(spec.Seed);
        var d = spec.DModel;
        Add("shared.weight", 1f, spec.VocabSize, d);
        if (spec.EosLogitScale != 1f && spec.TieWordEmbeddings)
        {
            // Tied: the EOS row of the shared embedding is also its output row (EOS is never fed back in).
            Scale("shared.weight", Enumerable.Range(spec.EosTokenId * d, d), spec.EosLogitScale);
        }

        AddStack("encoder", spec.NumLayers, spec, crossAttention: false);
        AddStack("decoder", spec.NumDecoderLayers, spec, crossAttention: true);
        if (!spec.TieWordEmbeddings)
        {
            Add("lm_head.weight", MathF.Pow(d, -0.5f), d, spec.VocabSize);
            if (spec.EosLogitScale != 1f)
            {
                // lm_head is stored [d_model, vocab]: the EOS output is a column.
                Scale("lm_head.weight", Enumerable.Range(0, d).Select(r => (r * spec.VocabSize) + spec.EosTokenId), spec.EosLogitScale);
            }
        }
    }

    public TensorProto this[string name] => _tensors[name];

    public IEnumerable<TensorProto> WithPrefix(string prefix) =>
        _tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(kv => kv.Value);

    private void AddStack(string stack, int layers, T5TestModelSpec spec, bool crossAttention)
    {
        var d = spec.DModel;
        for (var i = 0; i < layers; i++)
        {
            var block = $"{stack}.block.{i}.layer";
            AddAttention($"{block}.0.SelfAttention", spec);
            AddNorm($"{block}.0.layer_norm.weight", d);
            var ff = 1;
            if (crossAttention)
            {
                AddAttention($"{block}.1.EncDecAttention", spec);
                AddNorm($"{block}.1.layer_norm.weight", d);
                ff = 2;
            }

            Add($"{block}.{ff}.DenseReluDense.wi.weight", MathF.Pow(d, -0.5f), d, spec.DFf);
            Add($"{block}.{ff}.DenseReluDense.wo.weight", MathF.Pow(spec.DFf, -0.5f), spec.DFf, d);
            AddNorm($"{block}.{ff}.layer_norm.weight", d);
        }

        // Only the first self-attention layer owns the bias table; the other layers reuse its output.
        Add($"{stack}.block.0.layer.0.SelfAttention.relative_attention_bias.weight", MathF.Pow(d, -0.5f),
            spec.RelativeAttentionNumBuckets, spec.NumHeads);
        AddNorm($"{stack}.final_layer_norm.weight", d);
    }

    private void AddAttention(string name, T5TestModelSpec spec)
    {
        var d = spec.DModel;
        var inner = spec.InnerDim;
        Add($"{name}.q.weight", MathF.Pow(d * spec.DKv, -0.5f), d, inner);
        Add($"{name}.k.weight", MathF.Pow(d, -0.5f), d, inner);
        Add($"{name}.v.weight", MathF.Pow(d, -0.5f), d, inner);
        Add($"{name}.o.weight", MathF.Pow(inner, -0.5f), inner, d);
    }

    private void AddNorm(string name, int d)
    {
        var data = new float[d];
        for (var i = 0; i < d; i++)
        {
            data[i] = 1f + ((_random.NextSingle() - 0.5f) * 0.2f);
        }

        _tensors[name] = OnnxGraphBuilder.FloatTensor(name, data, d);
    }

    private void Add(string name, float std, int rows, int cols)
    {
        // Uniform on [-a, a] has standard deviation a / sqrt(3).
        var a = std * MathF.Sqrt(3f);
        var data = new float[rows * cols];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = ((_random.NextSingle() * 2f) - 1f) * a;
        }

        _tensors[name] = OnnxGraphBuilder.FloatTensor(name, data, rows, cols);
    }

    private void Scale(string name, IEnumerable<int> indices, float scale)
    {
        var data = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(_tensors[name].RawData.Span).ToArray();
        foreach (var i in indices)
        {
            data[i] *= scale;
        }

        _tensors[name].RawData = UnsafeByteOperations.UnsafeWrap(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()).ToArray());
    }
}
