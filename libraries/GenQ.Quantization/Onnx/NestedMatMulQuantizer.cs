using GenQ.Quantization.Weights;
using Onnx;

namespace GenQ.Quantization.Onnx;

/// <summary>
/// The MatMul rewrite of <see cref="MatMulRewriter"/> for graphs with subgraphs (a T5 encoder-decoder: the merged
/// decoder holds both decoders as the branches of an If that read the weights from the outer graph). Every MatMul whose
/// weight B is a constant 2-D float initializer of its graph or an enclosing one, or Transpose(perm 1,0) of one (a tied
/// LM head: logits = h x shared^T), becomes com.microsoft DynamicQuantizeMatMul(A, B_int8, B_scale) with symmetric int8
/// per-column weights, stored once next to the float weight they replace. Attention's Q x K^T and P x V stay float.
/// </summary>
internal sealed class NestedMatMulQuantizer(ModelProto model, DynamicQuantizationOptions options, string modelPath)
{
    private readonly Dictionary<(string Name, bool Transposed), (string Codes, string Scale)> _done = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public int Quantized { get; private set; }

    public int KeptFloat { get; private set; }

    public QuantizationCounts Run()
    {
        CollectNames(model.Graph);
        Rewrite(model.Graph, []);
        if (Quantized == 0)
        {
            throw new InvalidDataException($"'{modelPath}' has no MatMul with a constant float weight matrix to quantise.");
        }

        GraphQuantizer.RemoveUnused(model.Graph);
        if (!model.OpsetImport.Any(o => o.Domain == GraphQuantizer.MicrosoftDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = GraphQuantizer.MicrosoftDomain, Version = 1 });
        }

        return new QuantizationCounts(Quantized, 0, KeptFloat, 0, 0, 0);
    }

    /// <param name="scopes">the enclosing graphs, innermost last (their initializers are visible here).</param>
    private void Rewrite(GraphProto graph, List<GraphProto> scopes)
    {
        var inner = scopes.Append(graph).ToList();
        var producers = graph.Node.SelectMany(n => n.Output.Select(o => (o, n))).ToDictionary(p => p.o, p => p.n, StringComparer.Ordinal);
        var rewritten = new List<NodeProto>(graph.Node.Count);
        foreach (var node in graph.Node)
        {
            foreach (var attribute in node.Attribute)
            {
                if (attribute.G is not null)
                {
                    Rewrite(attribute.G, inner);
                }

                foreach (var sub in attribute.Graphs)
                {
                    Rewrite(sub, inner);
                }
            }

            rewritten.Add(node.OpType == "MatMul" && GraphContext.IsDefaultDomain(node) && node.Input.Count == 2
                && Weight(node.Input[1], inner, producers) is { } weight
                ? Quantize(node, weight.Owner, weight.Tensor, weight.Transposed)
                : Count(node));
        }

        graph.Node.Clear();
        graph.Node.AddRange(rewritten);
        DropDeadTransposes(graph);
    }

    private NodeProto Count(NodeProto node)
    {
        if (node.OpType == "MatMul")
        {
            KeptFloat++;
        }

        return node;
    }

    private static (GraphProto Owner, TensorProto Tensor, bool Transposed)? Weight(string name, List<GraphProto> scopes, Dictionary<string, NodeProto> producers)
    {
        if (Constant(name, scopes) is { } direct)
        {
            return (direct.Owner, direct.Tensor, false);
        }

        if (producers.TryGetValue(name, out var producer) && producer.OpType == "Transpose" && GraphContext.IsDefaultDomain(producer)
            && producer.Attribute.FirstOrDefault(a => a.Name == "perm") is { Ints: [1, 0] }
            && Constant(producer.Input[0], scopes) is { } transposed)
        {
            return (transposed.Owner, transposed.Tensor, true);
        }

        return null;
    }

    /// <summary>A 2-D float initializer visible from the innermost scope (and not a graph input, which a caller could override).</summary>
    private static (GraphProto Owner, TensorProto Tensor)? Constant(string name, List<GraphProto> scopes)
    {
        for (var i = scopes.Count - 1; i >= 0; i--)
        {
            var graph = scopes[i];
            if (graph.Input.Any(input => input.Name == name))
            {
                return null;
            }

            if (graph.Initializer.FirstOrDefault(t => t.Name == name) is { } tensor)
            {
                return OnnxTensors.IsFloat(tensor) && tensor.Dims.Count == 2 ? (graph, tensor) : null;
            }
        }

        return null;
    }

    private NodeProto Quantize(NodeProto matMul, GraphProto owner, TensorProto weight, bool transposed)
    {
        if (!_done.TryGetValue((weight.Name, transposed), out var names))
        {
            var rows = checked((int)weight.Dims[0]);
            var cols = checked((int)weight.Dims[1]);
            var values = OnnxTensors.ReadFloats(weight, modelPath);
            if (transposed)
            {
                values = Transpose(values, rows, cols);
                (rows, cols) = (cols, rows);
            }

            var qmax = options.ReduceRange ? SymmetricInt8.ReducedRange : SymmetricInt8.FullRange;
            var q = options.PerColumn ? SymmetricInt8.PerColumn(values, rows, cols, qmax) : SymmetricInt8.PerTensor(values, qmax);
            names = (NewName(weight.Name + (transposed ? "_T_int8" : "_int8")), NewName(weight.Name + (transposed ? "_T_scale" : "_scale")));
            owner.Initializer.Add(OnnxTensors.Int8(names.Codes, q.Codes, rows, cols));
            owner.Initializer.Add(options.PerColumn ? OnnxTensors.Float(names.Scale, q.Scales, cols) : OnnxTensors.Float(names.Scale, q.Scales));
            _done[(weight.Name, transposed)] = names;
        }

        var node = new NodeProto
        {
            OpType = MatMulRewriter.OpType,
            Domain = GraphQuantizer.MicrosoftDomain,
            Name = NewName(string.IsNullOrEmpty(matMul.Name) ? MatMulRewriter.OpType : matMul.Name + "_quant"),
        };
        node.Input.AddRange([matMul.Input[0], names.Codes, names.Scale]);
        node.Output.Add(matMul.Output[0]);
        Quantized++;
        return node;
    }

    /// <summary>Transposes whose output nothing reads any more (the LM head's, once its MatMul reads the int8 copy).</summary>
    private static void DropDeadTransposes(GraphProto graph)
    {
        var read = new HashSet<string>(graph.Node.SelectMany(n => n.Input), StringComparer.Ordinal);
        read.UnionWith(graph.Output.Select(o => o.Name));
        foreach (var node in graph.Node)
        {
            foreach (var attribute in node.Attribute)
            {
                GraphQuantizer.CollectInputs(attribute.G, read);
                foreach (var sub in attribute.Graphs)
                {
                    GraphQuantizer.CollectInputs(sub, read);
                }
            }
        }

        var dead = graph.Node.Where(n => n.OpType == "Transpose" && !read.Contains(n.Output[0])).ToList();
        foreach (var node in dead)
        {
            graph.Node.Remove(node);
        }
    }

    private static float[] Transpose(float[] values, int rows, int cols)
    {
        var result = new float[values.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                result[(c * rows) + r] = values[(r * cols) + c];
            }
        }

        return result;
    }

    private void CollectNames(GraphProto graph)
    {
        _names.UnionWith(graph.Initializer.Select(i => i.Name));
        _names.UnionWith(graph.Input.Select(i => i.Name));
        foreach (var node in graph.Node)
        {
            _names.Add(node.Name);
            _names.UnionWith(node.Output);
            foreach (var attribute in node.Attribute)
            {
                if (attribute.G is not null)
                {
                    CollectNames(attribute.G);
                }

                foreach (var sub in attribute.Graphs)
                {
                    CollectNames(sub);
                }
            }
        }
    }

    private string NewName(string wanted)
    {
        var name = wanted;
        for (var i = 1; !_names.Add(name); i++)
        {
            name = $"{wanted}_{i}";
        }

        return name;
    }
}
