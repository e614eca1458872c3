using Google.Protobuf;
using GenQ.Embeddings.Onnx;
using Onnx;

namespace GenQ.Embeddings.Inference.Fusion;

/// <summary>
/// Rewrites the encoder layers of an fp32 BERT ONNX graph into the ONNX Runtime contrib operators its CPU provider runs
/// as single kernels, which ONNX Runtime's own optimizer does not do for PyTorch exports:
/// <list type="bullet">
/// <item>self-attention (Q/K/V MatMul + bias, head reshapes, scaled scores, additive mask, Softmax, context) into one
/// <c>com.microsoft.Attention</c> with the three projections packed into one [in, 3*hidden] weight and the 2-D
/// attention mask input as raw mask;</item>
/// <item>residual Add (+ the dense bias) + layer norm into <c>com.microsoft.SkipLayerNormalization</c>.</item>
/// </list>
/// Each block is matched exactly or left as it is (and named in the report); replaced nodes nothing else reads are dropped.
/// </summary>
public static class TransformerGraphFusion
{
    public const string MicrosoftDomain = "com.microsoft";

    /// <summary>Reads <paramref name="modelPath"/>, fuses it and returns the serialised result with its report.</summary>
    public static FusedOnnxModel FuseFile(string modelPath, TransformerFusionOptions? options = null)
    {
        var model = OnnxProtoReader.Read(modelPath);
        var report = Fuse(model, options);
        return new FusedOnnxModel(model.ToByteArray(), report);
    }

    /// <summary>Fuses <paramref name="model"/> in place and reports what it fused.</summary>
    public static TransformerFusionReport Fuse(ModelProto model, TransformerFusionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new TransformerFusionOptions();
        if (model.Graph is null)
        {
            throw new InvalidDataException("The ONNX model has no graph.");
        }

        var nodesBefore = model.Graph.Node.Count;
        if (model.Graph.Initializer.FirstOrDefault(t => t.DataLocation == TensorProto.Types.DataLocation.External) is { } external)
        {
            // External data files are found relative to the model file, which a session loaded from bytes does not have.
            return new TransformerFusionReport(0, 0, 0, 0, nodesBefore, nodesBefore, [$"initializer '{external.Name}' is external data: graph left as it is"]);
        }

        var g = new FusionGraph(model.Graph);
        var opset = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 0;
        var unmatched = new List<string>();

        var softmaxes = model.Graph.Node.Where(n => n.OpType == "Softmax" && FusionGraph.IsDefaultDomain(n)).ToList();
        var attentions = new List<AttentionMatch>();
        foreach (var softmax in options.Attention == AttentionFusionKind.None ? [] : softmaxes)
        {
            if (AttentionPattern.Match(g, softmax, opset, out var reason) is { } match)
            {
                attentions.Add(match);
            }
            else
            {
                unmatched.Add($"softmax '{softmax.Name}': {reason}");
            }
        }

        var layerNorms = model.Graph.Node.Select(n => LayerNormPattern.Match(g, n)).OfType<LayerNormMatch>().ToList();
        var layerNormOutputs = layerNorms.Select(l => l.Last.Output[0]).ToHashSet(StringComparer.Ordinal);
        var skips = !options.SkipLayerNormalization ? [] : layerNorms.Select(l => SkipLayerNormPattern.Match(g, l, layerNormOutputs)).OfType<SkipLayerNormMatch>().ToList();

        var masks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attention in attentions)
        {
            if (!masks.TryGetValue(attention.Mask.MaskInput, out var mask))
            {
                masks[attention.Mask.MaskInput] = mask = AddMaskCast(g, attention.Mask.MaskInput);
            }

            Replace(g, attention.Output, options.Attention == AttentionFusionKind.Attention
                ? NewAttention(g, attention, mask)
                : NewMultiHeadAttention(g, attention, mask));
        }

        foreach (var skip in skips)
        {
            Replace(g, skip.LayerNorm.Last, NewSkipLayerNorm(g, skip));
        }

        if (attentions.Count + skips.Count > 0)
        {
            g.RemoveDeadNodes();
            if (!model.OpsetImport.Any(o => o.Domain == MicrosoftDomain))
            {
                model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
            }
        }

        return new TransformerFusionReport(softmaxes.Count, attentions.Count, layerNorms.Count, skips.Count, nodesBefore, model.Graph.Node.Count, unmatched);
    }

    /// <summary>Attention takes the raw mask as int32; one Cast at the top of the graph serves every layer.</summary>
    private static string AddMaskCast(FusionGraph g, string maskInput)
    {
        var output = g.NewName(maskInput + "_int32");
        var cast = new NodeProto { OpType = "Cast", Name = g.NewName("fusion_" + output), Input = { maskInput }, Output = { output } };
        cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (int)TensorProto.Types.DataType.Int32 });
        g.Graph.Node.Insert(0, cast);
        return output;
    }

    private static NodeProto NewAttention(FusionGraph g, AttentionMatch m, string mask)
    {
        // Packed weight [in, 3*hidden]: row r is [Wq[r, :], Wk[r, :], Wv[r, :]]; bias [3*hidden] is [bq, bk, bv].
        var rows = m.InputHidden;
        var hidden = m.Hidden;
        var packed = new float[rows * 3 * hidden];
        var bias = new float[3 * hidden];
        for (var part = 0; part < 3; part++)
        {
            var weight = g.Floats(m.Weights[part])!;
            for (var r = 0; r < rows; r++)
            {
                Array.Copy(weight, r * hidden, packed, (r * 3 * hidden) + (part * hidden), hidden);
            }

            Array.Copy(g.Floats(m.Biases[part])!, 0, bias, part * hidden, hidden);
        }

        var baseName = m.Output.Name.Length > 0 ? m.Output.Name : m.Output.Output[0];
        var weightName = g.NewName(baseName + "_qkv_weight");
        var biasName = g.NewName(baseName + "_qkv_bias");
        g.AddFloatInitializer(weightName, packed, rows, 3 * hidden);
        g.AddFloatInitializer(biasName, bias, 3 * hidden);
        var node = new NodeProto
        {
            OpType = "Attention",
            Domain = MicrosoftDomain,
            Name = g.NewName("Attention_" + baseName),
            Input = { m.Input, weightName, biasName, mask },
            Output = { m.Output.Output[0] },
        };
        AddAttentionAttributes(node, m);
        return node;
    }

    private static NodeProto NewMultiHeadAttention(FusionGraph g, AttentionMatch m, string mask)
    {
        // The projections' MatMuls stay; their biases go in as one [3*hidden] vector, which the kernel adds itself.
        var bias = m.Biases.SelectMany(b => g.Floats(b)!).ToArray();
        var baseName = m.Output.Name.Length > 0 ? m.Output.Name : m.Output.Output[0];
        var biasName = g.NewName(baseName + "_qkv_bias");
        g.AddFloatInitializer(biasName, bias, bias.Length);
        var node = new NodeProto
        {
            OpType = "MultiHeadAttention",
            Domain = MicrosoftDomain,
            Name = g.NewName("MultiHeadAttention_" + baseName),
            Input = { m.Projections[0], m.Projections[1], m.Projections[2], biasName, mask },
            Output = { m.Output.Output[0] },
        };
        AddAttentionAttributes(node, m);
        return node;
    }

    private static void AddAttentionAttributes(NodeProto node, AttentionMatch m)
    {
        node.Attribute.Add(new AttributeProto { Name = "num_heads", Type = AttributeProto.Types.AttributeType.Int, I = m.NumHeads });
        node.Attribute.Add(new AttributeProto { Name = "scale", Type = AttributeProto.Types.AttributeType.Float, F = m.Scale });
        node.Attribute.Add(new AttributeProto { Name = "mask_filter_value", Type = AttributeProto.Types.AttributeType.Float, F = m.Mask.FilterValue });
    }

    private static NodeProto NewSkipLayerNorm(FusionGraph g, SkipLayerNormMatch m)
    {
        var output = m.LayerNorm.Last.Output[0];
        var node = new NodeProto
        {
            OpType = "SkipLayerNormalization",
            Domain = MicrosoftDomain,
            Name = g.NewName("SkipLayerNorm_" + output),
            Input = { m.Input, m.Skip, m.LayerNorm.Gamma, m.LayerNorm.Beta },
            Output = { output },
        };
        if (m.Bias is not null)
        {
            node.Input.Add(m.Bias);
        }

        node.Attribute.Add(new AttributeProto { Name = "epsilon", Type = AttributeProto.Types.AttributeType.Float, F = m.LayerNorm.Epsilon });
        return node;
    }

    /// <summary>Puts <paramref name="replacement"/> where <paramref name="old"/> was, so the node list stays in topological order.</summary>
    private static void Replace(FusionGraph g, NodeProto old, NodeProto replacement)
    {
        var index = g.Graph.Node.IndexOf(old);
        g.Graph.Node[index] = replacement;
    }
}
