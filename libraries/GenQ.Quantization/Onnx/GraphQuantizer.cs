using Onnx;

namespace GenQ.Quantization.Onnx;

/// <summary>Applies the MatMul and embedding rewrites to a whole model and drops the float weights nothing reads any more.</summary>
internal static class GraphQuantizer
{
    public const string MicrosoftDomain = "com.microsoft";

    /// <summary>Ops that mean a graph has been quantised already.</summary>
    public static readonly IReadOnlySet<string> QuantizedOpTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "DynamicQuantizeMatMul", "MatMulInteger", "MatMulIntegerToFloat", "DynamicQuantizeLinear", "QLinearMatMul", "QAttention",
    };

    public static QuantizationCounts Quantize(ModelProto model, DynamicQuantizationOptions options, string modelPath)
    {
        var graph = model.Graph;
        var context = new GraphContext(graph, modelPath);
        var matMuls = new MatMulRewriter(context, options);
        var embeddings = new EmbeddingRewriter(context, options);
        var removed = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        var rewritten = new List<NodeProto>(graph.Node.Count);
        foreach (var node in graph.Node)
        {
            if (removed.Contains(node))
            {
                continue;
            }

            if (node.OpType == "MatMul" && GraphContext.IsDefaultDomain(node) && matMuls.TryRewrite(node, out var add) is { } quantized)
            {
                rewritten.Add(quantized); // the folded Add comes later in topological order and is skipped there
                if (add is not null)
                {
                    removed.Add(add);
                }
            }
            else if (node.OpType == "Gather" && GraphContext.IsDefaultDomain(node) && embeddings.TryRewrite(node) is { } lookup)
            {
                rewritten.AddRange(lookup);
            }
            else
            {
                rewritten.Add(node);
            }
        }

        if (matMuls.Quantized == 0)
        {
            throw new InvalidDataException(
                $"'{modelPath}' has no MatMul with a constant float weight matrix to quantise ({matMuls.KeptFloat} MatMul nodes, none with a 2-D float initializer as input B).");
        }

        graph.Node.Clear();
        graph.Node.AddRange(rewritten);
        RemoveUnused(graph);
        if (!model.OpsetImport.Any(o => o.Domain == MicrosoftDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        }

        return new QuantizationCounts(
            matMuls.Quantized, matMuls.BiasesFolded, matMuls.KeptFloat, embeddings.Quantized,
            matMuls.FloatBytes + embeddings.FloatBytes, matMuls.Int8Bytes + embeddings.Int8Bytes);
    }

    /// <summary>Drops initializers no node reads and value_info of tensors no node produces (e.g. a folded MatMul output).</summary>
    internal static void RemoveUnused(GraphProto graph)
    {
        var read = new HashSet<string>(StringComparer.Ordinal);
        CollectInputs(graph, read);
        read.UnionWith(graph.Output.Select(o => o.Name));
        var keep = graph.Initializer.Where(i => read.Contains(i.Name) || graph.Input.Any(input => input.Name == i.Name)).ToList();
        graph.Initializer.Clear();
        graph.Initializer.AddRange(keep);

        var produced = graph.Node.SelectMany(n => n.Output).Concat(graph.Input.Select(i => i.Name)).ToHashSet(StringComparer.Ordinal);
        var valueInfo = graph.ValueInfo.Where(v => produced.Contains(v.Name)).ToList();
        graph.ValueInfo.Clear();
        graph.ValueInfo.AddRange(valueInfo);
    }

    // Subgraphs (If/Loop bodies) may read outer-scope initializers by name, so they count as readers too.
    internal static void CollectInputs(GraphProto? graph, HashSet<string> read)
    {
        if (graph is null)
        {
            return;
        }

        foreach (var node in graph.Node)
        {
            read.UnionWith(node.Input);
            foreach (var attribute in node.Attribute)
            {
                if (attribute.G is not null)
                {
                    CollectInputs(attribute.G, read);
                }

                foreach (var sub in attribute.Graphs)
                {
                    CollectInputs(sub, read);
                }
            }
        }
    }
}
