using GenQ.Training.Modeling;
using Onnx;
using static GenQ.Training.Export.OnnxGraphBuilder;

namespace GenQ.Training.Export;

/// <summary>
/// Writes a BERT encoder as an ONNX graph (opset 17) with the GenQ model-folder interface: inputs input_ids,
/// attention_mask, token_type_ids (int64 [batch, sequence]); output last_hidden_state (float [batch, sequence, hidden]).
/// Used when there is no base ONNX graph to reuse (a model brought as safetensors, or a test-sized BERT).
/// Linear weights are stored pre-transposed ([in, out]) for MatMul, under their Hugging Face names.
/// </summary>
public static class BertOnnxGraphWriter
{
    public static ModelProto Build(BertConfig config, IReadOnlyDictionary<string, float[]> weights)
    {
        var graph = new GraphProto { Name = "genq_bert" };
        var g = new OnnxGraphBuilder(graph);
        var h = (long)config.HiddenSize;
        var heads = (long)config.NumAttentionHeads;
        var headSize = h / heads;
        graph.Input.Add(TensorInfo("input_ids", TensorProto.Types.DataType.Int64, "batch", "sequence"));
        graph.Input.Add(TensorInfo("attention_mask", TensorProto.Types.DataType.Int64, "batch", "sequence"));
        graph.Input.Add(TensorInfo("token_type_ids", TensorProto.Types.DataType.Int64, "batch", "sequence"));

        string W(string key, long[] dims, bool transpose = false)
        {
            var data = weights.TryGetValue(key, out var d) ? d : throw new InvalidDataException($"Export: weight '{key}' missing.");
            return g.Float(key, transpose ? Transpose(data, dims[1], dims[0]) : data, dims);
        }

        // Embeddings: word + position (positions 0..seq-1) + token type, then LayerNorm.
        var seqLength = g.Node("Slice", [g.Node("Shape", ["input_ids"]), g.Int64([1]), g.Int64([2])]);          // (1)
        var positions = g.Node("Slice", [g.Int64(Enumerable.Range(0, config.MaxPositionEmbeddings).Select(i => (long)i).ToArray(), [1, config.MaxPositionEmbeddings]), g.Int64([0]), seqLength, g.Int64([1])]); // (1, seq)
        var words = g.Node("Gather", [W("embeddings.word_embeddings.weight", [config.VocabSize, h]), "input_ids"]);
        var pos = g.Node("Gather", [W("embeddings.position_embeddings.weight", [config.MaxPositionEmbeddings, h]), positions]);
        var types = g.Node("Gather", [W("embeddings.token_type_embeddings.weight", [config.TypeVocabSize, h]), "token_type_ids"]);
        var hidden = LayerNorm(g, g.Node("Add", [g.Node("Add", [words, pos]), types]), "embeddings.LayerNorm", h, config);

        // Additive mask (batch, 1, 1, seq): 0 for tokens, float.MinValue for padding, as BertModel does.
        var mask = g.Node("Cast", [g.Node("Unsqueeze", ["attention_mask", g.Int64([1, 2])])], Int("to", (long)TensorProto.Types.DataType.Float));
        var additive = g.Node("Mul", [g.Node("Sub", [g.Scalar(1f), mask]), g.Scalar(float.MinValue)]);
        var split = g.Int64([0, 0, heads, headSize]);
        var merge = g.Int64([0, 0, h]);
        var scale = g.Scalar(MathF.Sqrt(headSize));
        for (var i = 0; i < config.NumHiddenLayers; i++)
        {
            var p = $"encoder.layer.{i}.";
            string Linear(string input, string name, long inF, long outF)
                => g.Node("Add", [g.Node("MatMul", [input, W(p + name + ".weight", [inF, outF], transpose: true)]), W(p + name + ".bias", [outF])]);
            var q = g.Node("Transpose", [g.Node("Reshape", [Linear(hidden, "attention.self.query", h, h), split])], Ints("perm", 0, 2, 1, 3)); // (b, heads, s, d)
            var k = g.Node("Transpose", [g.Node("Reshape", [Linear(hidden, "attention.self.key", h, h), split])], Ints("perm", 0, 2, 3, 1));   // (b, heads, d, s)
            var v = g.Node("Transpose", [g.Node("Reshape", [Linear(hidden, "attention.self.value", h, h), split])], Ints("perm", 0, 2, 1, 3)); // (b, heads, s, d)
            var scores = g.Node("Add", [g.Node("Div", [g.Node("MatMul", [q, k]), scale]), additive]);                                     // (b, heads, s, s)
            var context = g.Node("MatMul", [g.Node("Softmax", [scores], Int("axis", -1)), v]);                                            // (b, heads, s, d)
            var merged = g.Node("Reshape", [g.Node("Transpose", [context], Ints("perm", 0, 2, 1, 3)), merge]);                            // (b, s, h)
            var attended = LayerNorm(g, g.Node("Add", [Linear(merged, "attention.output.dense", h, h), hidden]), p + "attention.output.LayerNorm", h, config);
            var inter = Linear(attended, "intermediate.dense", h, config.IntermediateSize);
            var gelu = g.Node("Mul", [g.Node("Mul", [inter, g.Node("Add", [g.Node("Erf", [g.Node("Div", [inter, g.Scalar(MathF.Sqrt(2f))])]), g.Scalar(1f)])]), g.Scalar(0.5f)]);
            hidden = LayerNorm(g, g.Node("Add", [Linear(gelu, "output.dense", config.IntermediateSize, h), attended]), p + "output.LayerNorm", h, config);
        }

        graph.Node.Add(new NodeProto { OpType = "Identity", Name = "last_hidden_state", Input = { hidden }, Output = { "last_hidden_state" } });
        graph.Output.Add(TensorInfo("last_hidden_state", TensorProto.Types.DataType.Float, "batch", "sequence", h.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var model = new ModelProto { IrVersion = 8, ProducerName = "GenQ.Training", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        return model;

        string W2(string key, long size) => W(key, [size]);
        string LayerNorm(OnnxGraphBuilder b, string input, string prefix, long size, BertConfig c)
            => b.Node("LayerNormalization", [input, W2(prefix + ".weight", size), W2(prefix + ".bias", size)], Int("axis", -1), FloatAttribute("epsilon", (float)c.LayerNormEps));
    }

    /// <summary>Transposes a row-major (rows, cols) matrix.</summary>
    private static float[] Transpose(float[] data, long rows, long cols)
    {
        var result = new float[data.Length];
        for (long r = 0; r < rows; r++)
        {
            for (long c = 0; c < cols; c++)
            {
                result[(c * rows) + r] = data[(r * cols) + c];
            }
        }

        return result;
    }
}
