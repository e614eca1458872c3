using GenQ.Generation.Testing.Onnx;
using Onnx;
using static GenQ.Generation.Testing.Onnx.OnnxGraphBuilder;
using DataType = Onnx.TensorProto.Types.DataType;

namespace GenQ.Generation.Testing.T5;

/// <summary>The three decoder graphs of the Optimum layout with their exported input and output names.</summary>
public static class T5DecoderModels
{
    public static GraphProto WithoutPast(T5TestModelSpec spec, T5RandomWeights weights)
    {
        var graph = NewGraph("t5_decoder", spec, weights);
        graph.Input.Add(Value("encoder_attention_mask", DataType.Int64, "batch_size", "encoder_sequence_length"));
        graph.Input.Add(Value("input_ids", DataType.Int64, "batch_size", "decoder_sequence_length"));
        graph.Input.Add(Value("encoder_hidden_states", DataType.Float, "batch_size", "encoder_sequence_length", spec.DModel.ToString()));
        AddOutputs(graph, spec, "decoder_sequence_length", withEncoderPresent: true, name => name);
        T5DecoderGraph.Write(new OnnxGraphBuilder(graph, "dec/"), spec, withPast: false, emitEncoderPresent: true, name => name);
        return graph;
    }

    /// <summary>Optimum's with-past decoder: no encoder_hidden_states input (the cross-attention cache replaces it) and decoder presents only.</summary>
    public static GraphProto WithPast(T5TestModelSpec spec, T5RandomWeights weights)
    {
        var graph = NewGraph("t5_decoder_with_past", spec, weights);
        graph.Input.Add(Value("encoder_attention_mask", DataType.Int64, "batch_size", "encoder_sequence_length"));
        graph.Input.Add(Value("input_ids", DataType.Int64, "batch_size", "decoder_sequence_length"));
        AddPastInputs(graph, spec);
        AddOutputs(graph, spec, "past_decoder_sequence_length + 1", withEncoderPresent: false, name => name);
        T5DecoderGraph.Write(new OnnxGraphBuilder(graph, "decp/"), spec, withPast: true, emitEncoderPresent: false, name => name);
        return graph;
    }

    /// <summary>decoder_model_merged.onnx: both decoders as the branches of one If on <c>use_cache_branch</c>, sharing one weight copy.</summary>
    public static GraphProto Merged(T5TestModelSpec spec, T5RandomWeights weights)
    {
        var graph = NewGraph("t5_decoder_merged", spec, weights);
        graph.Input.Add(Value("encoder_attention_mask", DataType.Int64, "batch_size", "encoder_sequence_length"));
        graph.Input.Add(Value("input_ids", DataType.Int64, "batch_size", "decoder_sequence_length"));
        graph.Input.Add(Value("encoder_hidden_states", DataType.Float, "batch_size", "encoder_sequence_length", spec.DModel.ToString()));
        AddPastInputs(graph, spec);
        graph.Input.Add(Value("use_cache_branch", DataType.Bool, "1"));
        AddOutputs(graph, spec, "present_decoder_sequence_length", withEncoderPresent: true, name => name);

        var withPast = Branch("optimum::cond_with_past", spec, withPast: true);
        var withoutPast = Branch("optimum::cond_without_past", spec, withPast: false);
        var node = new NodeProto { OpType = "If", Name = "optimum::if", Input = { "use_cache_branch" } };
        node.Output.AddRange(graph.Output.Select(o => o.Name));
        node.Attribute.Add(SubGraph("then_branch", withPast));
        node.Attribute.Add(SubGraph("else_branch", withoutPast));
        graph.Node.Add(node);
        return graph;
    }

    private static GraphProto Branch(string name, T5TestModelSpec spec, bool withPast)
    {
        var prefix = withPast ? "then/" : "else/";
        var branch = new GraphProto { Name = name };
        AddOutputs(branch, spec, "present_decoder_sequence_length", withEncoderPresent: true, n => prefix + n);
        T5DecoderGraph.Write(new OnnxGraphBuilder(branch, prefix), spec, withPast, emitEncoderPresent: true, n => prefix + n);
        return branch;
    }

    private static GraphProto NewGraph(string name, T5TestModelSpec spec, T5RandomWeights weights)
    {
        var graph = new GraphProto { Name = name };
        graph.Initializer.AddRange(weights.WithPrefix("shared."));
        graph.Initializer.AddRange(weights.WithPrefix("decoder."));
        if (!spec.TieWordEmbeddings)
        {
            graph.Initializer.Add(weights["lm_head.weight"]);
        }

        return graph;
    }

    private static void AddPastInputs(GraphProto graph, T5TestModelSpec spec)
    {
        var heads = spec.NumHeads.ToString();
        var dk = spec.DKv.ToString();
        for (var i = 0; i < spec.NumDecoderLayers; i++)
        {
            foreach (var part in new[] { "decoder.key", "decoder.value" })
            {
                graph.Input.Add(Value($"past_key_values.{i}.{part}", DataType.Float, "batch_size", heads, "past_decoder_sequence_length", dk));
            }

            foreach (var part in new[] { "encoder.key", "encoder.value" })
            {
                graph.Input.Add(Value($"past_key_values.{i}.{part}", DataType.Float, "batch_size", heads, "encoder_sequence_length_out", dk));
            }
        }
    }

    private static void AddOutputs(GraphProto graph, T5TestModelSpec spec, string decoderLength, bool withEncoderPresent, Func<string, string> name)
    {
        var heads = spec.NumHeads.ToString();
        var dk = spec.DKv.ToString();
        graph.Output.Add(Value(name("logits"), DataType.Float, "batch_size", "decoder_sequence_length", spec.VocabSize.ToString()));
        for (var i = 0; i < spec.NumDecoderLayers; i++)
        {
            graph.Output.Add(Value(name($"present.{i}.decoder.key"), DataType.Float, "batch_size", heads, decoderLength, dk));
            graph.Output.Add(Value(name($"present.{i}.decoder.value"), DataType.Float, "batch_size", heads, decoderLength, dk));
            if (withEncoderPresent)
            {
                graph.Output.Add(Value(name($"present.{i}.encoder.key"), DataType.Float, "batch_size", heads, "encoder_sequence_length_out", dk));
                graph.Output.Add(Value(name($"present.{i}.encoder.value"), DataType.Float, "batch_size", heads, "encoder_sequence_length_out", dk));
            }
        }
    }
}
