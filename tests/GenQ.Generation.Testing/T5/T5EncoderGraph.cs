using GenQ.Generation.Testing.Onnx;
using Onnx;
using static GenQ.Generation.Testing.Onnx.OnnxGraphBuilder;
using DataType = Onnx.TensorProto.Types.DataType;

namespace GenQ.Generation.Testing.T5;

/// <summary>encoder_model.onnx: input_ids + attention_mask -> last_hidden_state, as Optimum exports it.</summary>
public static class T5EncoderGraph
{
    public static GraphProto Build(T5TestModelSpec spec, T5RandomWeights weights)
    {
        var graph = new GraphProto { Name = "t5_encoder" };
        graph.Initializer.AddRange(weights.WithPrefix("shared."));
        graph.Initializer.AddRange(weights.WithPrefix("encoder."));
        graph.Input.Add(Value("input_ids", DataType.Int64, "batch_size", "encoder_sequence_length"));
        graph.Input.Add(Value("attention_mask", DataType.Int64, "batch_size", "encoder_sequence_length"));
        graph.Output.Add(Value("last_hidden_state", DataType.Float, "batch_size", "encoder_sequence_length", spec.DModel.ToString()));

        var b = new OnnxGraphBuilder(graph, "enc/");
        var t5 = new T5Layers(b, spec);
        var x = b.Op("Gather", ["shared.weight", "input_ids"], Int("axis", 0)); // [B, S, D]

        var positions = t5.Range(b.Int64Scalar(0), t5.Dim("input_ids", 1)); // [S]
        var relative = t5.RelativePositions(positions, positions); // [S, S]
        var positionBias = t5.PositionBias(relative, bidirectional: true,
            "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"); // [1, H, S, S]
        var bias = b.Op("Add", [positionBias, t5.PaddingBias("attention_mask")]); // [B, H, S, S]

        for (var i = 0; i < spec.NumLayers; i++)
        {
            var layer = $"encoder.block.{i}.layer";
            var attn = $"{layer}.0.SelfAttention";
            var h = t5.RmsNorm(x, $"{layer}.0.layer_norm.weight");
            var q = t5.SplitHeads(t5.Project(h, $"{attn}.q.weight"));
            var k = t5.SplitHeads(t5.Project(h, $"{attn}.k.weight"));
            var v = t5.SplitHeads(t5.Project(h, $"{attn}.v.weight"));
            x = b.Op("Add", [x, t5.Attention(q, k, v, bias, $"{attn}.o.weight")]);
            x = b.Op("Add", [x, t5.FeedForward(t5.RmsNorm(x, $"{layer}.1.layer_norm.weight"), $"{layer}.1")]);
        }

        b.OpNamed("Identity", [t5.RmsNorm(x, "encoder.final_layer_norm.weight")], "last_hidden_state");
        return graph;
    }
}
