using GenQ.Generation.Testing.Onnx;
using static GenQ.Generation.Testing.Onnx.OnnxGraphBuilder;

namespace GenQ.Generation.Testing.T5;

/// <summary>
/// The T5 decoder stack written into a graph (or an If branch). Without past it computes the cross-attention
/// keys/values from <c>encoder_hidden_states</c> and returns them as <c>present.{i}.encoder.*</c>; with past it reads
/// them from <c>past_key_values.{i}.encoder.*</c> and appends the new self-attention keys/values to the decoder past.
/// </summary>
public static class T5DecoderGraph
{
    /// <param name="outputName">maps an exported output name (logits, present.0.decoder.key, ...) to the name to write.</param>
    /// <param name="emitEncoderPresent">with past: also return the cross-attention past unchanged (the merged model's branches must agree).</param>
    public static void Write(OnnxGraphBuilder b, T5TestModelSpec spec, bool withPast, bool emitEncoderPresent, Func<string, string> outputName)
    {
        var t5 = new T5Layers(b, spec);
        var x = b.Op("Gather", ["shared.weight", "input_ids"], Int("axis", 0)); // [B, Sq, D]

        var newLength = t5.Dim("input_ids", 1);
        var pastLength = withPast ? t5.Dim("past_key_values.0.decoder.key", 2) : b.Int64Scalar(0);
        var totalLength = b.Op("Add", [pastLength, newLength]);
        var relative = t5.RelativePositions(t5.Range(pastLength, totalLength), t5.Range(b.Int64Scalar(0), totalLength)); // [Sq, Sk]
        var positionBias = t5.PositionBias(relative, bidirectional: false,
            "decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"); // [1, H, Sq, Sk]
        var selfBias = b.Op("Add", [positionBias, t5.CausalBias(relative)]);
        var crossBias = t5.PaddingBias("encoder_attention_mask"); // [B, 1, 1, Senc]

        for (var i = 0; i < spec.NumDecoderLayers; i++)
        {
            var layer = $"decoder.block.{i}.layer";
            var self = $"{layer}.0.SelfAttention";
            var h = t5.RmsNorm(x, $"{layer}.0.layer_norm.weight");
            var q = t5.SplitHeads(t5.Project(h, $"{self}.q.weight"));
            var k = t5.SplitHeads(t5.Project(h, $"{self}.k.weight")); // [B, H, Sq, dk]
            var v = t5.SplitHeads(t5.Project(h, $"{self}.v.weight"));
            if (withPast)
            {
                k = b.Op("Concat", [$"past_key_values.{i}.decoder.key", k], Int("axis", 2)); // [B, H, Sk, dk]
                v = b.Op("Concat", [$"past_key_values.{i}.decoder.value", v], Int("axis", 2));
            }

            b.OpNamed("Identity", [k], outputName($"present.{i}.decoder.key"));
            b.OpNamed("Identity", [v], outputName($"present.{i}.decoder.value"));
            x = b.Op("Add", [x, t5.Attention(q, k, v, selfBias, $"{self}.o.weight")]);

            var cross = $"{layer}.1.EncDecAttention";
            h = t5.RmsNorm(x, $"{layer}.1.layer_norm.weight");
            q = t5.SplitHeads(t5.Project(h, $"{cross}.q.weight"));
            string crossK, crossV;
            if (withPast)
            {
                crossK = $"past_key_values.{i}.encoder.key";
                crossV = $"past_key_values.{i}.encoder.value";
            }
            else
            {
                crossK = t5.SplitHeads(t5.Project("encoder_hidden_states", $"{cross}.k.weight")); // [B, H, Senc, dk]
                crossV = t5.SplitHeads(t5.Project("encoder_hidden_states", $"{cross}.v.weight"));
            }

            if (!withPast || emitEncoderPresent)
            {
                b.OpNamed("Identity", [crossK], outputName($"present.{i}.encoder.key"));
                b.OpNamed("Identity", [crossV], outputName($"present.{i}.encoder.value"));
            }

            x = b.Op("Add", [x, t5.Attention(q, crossK, crossV, crossBias, $"{cross}.o.weight")]);
            x = b.Op("Add", [x, t5.FeedForward(t5.RmsNorm(x, $"{layer}.2.layer_norm.weight"), $"{layer}.2")]);
        }

        var hidden = t5.RmsNorm(x, "decoder.final_layer_norm.weight");
        if (spec.TieWordEmbeddings)
        {
            // Tied embeddings: Hugging Face rescales by d_model^-0.5 before projecting onto the shared embedding.
            var scaled = b.Op("Mul", [hidden, b.FloatScalar(MathF.Pow(spec.DModel, -0.5f))]);
            b.OpNamed("MatMul", [scaled, b.Op("Transpose", ["shared.weight"], Ints("perm", 1, 0))], outputName("logits"));
        }
        else
        {
            b.OpNamed("MatMul", [hidden, "lm_head.weight"], outputName("logits"));
        }
    }
}
