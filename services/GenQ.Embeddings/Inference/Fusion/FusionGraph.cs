using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace GenQ.Embeddings.Inference.Fusion;

/// <summary>
/// Lookups over one ONNX graph for the pattern matchers: which node makes a tensor, who reads it, constant values
/// (initializers and Constant nodes), and a clean-up that drops nodes and initializers nothing reads any more.
/// </summary>
internal sealed class FusionGraph
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private Dictionary<string, NodeProto> _producers = new(StringComparer.Ordinal);
    private Dictionary<string, List<NodeProto>> _consumers = new(StringComparer.Ordinal);

    public FusionGraph(GraphProto graph)
    {
        Graph = graph;
        Initializers = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        GraphInputs = graph.Input.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        GraphOutputs = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        _names.UnionWith(Initializers.Keys);
        _names.UnionWith(GraphInputs);
        Reindex();
    }

    public GraphProto Graph { get; }

    public Dictionary<string, TensorProto> Initializers { get; }

    public HashSet<string> GraphInputs { get; }

    public HashSet<string> GraphOutputs { get; }

    /// <summary>Rebuilds the producer and consumer maps after nodes were added or removed.</summary>
    public void Reindex()
    {
        _producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        _consumers = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);
        foreach (var node in Graph.Node)
        {
            foreach (var output in node.Output.Where(o => o.Length > 0))
            {
                _producers[output] = node;
                _names.Add(output);
            }

            foreach (var input in node.Input.Where(i => i.Length > 0))
            {
                if (!_consumers.TryGetValue(input, out var list))
                {
                    _consumers[input] = list = [];
                }

                list.Add(node);
            }

            _names.Add(node.Name);
        }
    }

    /// <summary>The default-domain node of type <paramref name="opType"/> that makes <paramref name="tensor"/>, or null.</summary>
    public NodeProto? Producer(string tensor, string opType)
        => _producers.TryGetValue(tensor, out var node) && node.OpType == opType && IsDefaultDomain(node) ? node : null;

    public NodeProto? Producer(string tensor) => _producers.GetValueOrDefault(tensor);

    public IReadOnlyList<NodeProto> Consumers(string tensor) => _consumers.TryGetValue(tensor, out var list) ? list : [];

    /// <summary>
    /// A constant tensor: an initializer that is not also a graph input (a caller could override that one at run time),
    /// or the value of a Constant node.
    /// </summary>
    public TensorProto? Constant(string name)
    {
        if (Initializers.TryGetValue(name, out var tensor))
        {
            return GraphInputs.Contains(name) ? null : tensor;
        }

        var node = Producer(name, "Constant");
        return node?.Attribute.FirstOrDefault(a => a.Name == "value" && a.T is not null)?.T;
    }

    /// <summary>The values of a constant float tensor, or null when <paramref name="name"/> is not one.</summary>
    public float[]? Floats(string name)
    {
        var tensor = Constant(name);
        if (tensor is null || tensor.DataType != (int)TensorProto.Types.DataType.Float || tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            return null;
        }

        return tensor.RawData.IsEmpty ? [.. tensor.FloatData] : MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
    }

    /// <summary>The single value of a constant float scalar (or one-element tensor), or null.</summary>
    public float? Scalar(string name) => Floats(name) is [var value] ? value : null;

    /// <summary>The values of a constant int64 tensor, or null.</summary>
    public long[]? Int64s(string name)
    {
        var tensor = Constant(name);
        if (tensor is null || tensor.DataType != (int)TensorProto.Types.DataType.Int64 || tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            return null;
        }

        return tensor.RawData.IsEmpty ? [.. tensor.Int64Data] : MemoryMarshal.Cast<byte, long>(tensor.RawData.Span).ToArray();
    }

    /// <summary>Dims of a constant float tensor stored in the model itself (not as external data), or null.</summary>
    public long[]? FloatDims(string name)
    {
        var tensor = Constant(name);
        return tensor is not null && tensor.DataType == (int)TensorProto.Types.DataType.Float && tensor.DataLocation != TensorProto.Types.DataLocation.External
            ? [.. tensor.Dims]
            : null;
    }

    /// <summary>A name not used yet anywhere in the graph, starting from <paramref name="wanted"/>.</summary>
    public string NewName(string wanted)
    {
        var name = wanted;
        for (var i = 1; !_names.Add(name); i++)
        {
            name = $"{wanted}_{i}";
        }

        return name;
    }

    public void AddFloatInitializer(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        Graph.Initializer.Add(tensor);
        Initializers[name] = tensor;
    }

    /// <summary>
    /// Drops every node whose outputs nobody reads (and that makes no graph output), repeatedly, then every initializer
    /// no node reads. What a fused node replaced disappears this way; what something else still reads stays.
    /// </summary>
    public void RemoveDeadNodes()
    {
        var used = new HashSet<string>(GraphOutputs, StringComparer.Ordinal);
        var live = new bool[Graph.Node.Count];
        for (var i = Graph.Node.Count - 1; i >= 0; i--)
        {
            // Nodes are in topological order, so one backward pass sees every reader before its producer.
            var node = Graph.Node[i];
            if (node.Output.Any(used.Contains))
            {
                live[i] = true;
                used.UnionWith(node.Input.Where(n => n.Length > 0));
            }
        }

        var kept = Graph.Node.Where((_, i) => live[i]).ToList();
        Graph.Node.Clear();
        Graph.Node.AddRange(kept);
        var deadInitializers = Graph.Initializer.Where(t => !used.Contains(t.Name) && !GraphInputs.Contains(t.Name)).ToList();
        foreach (var tensor in deadInitializers)
        {
            Graph.Initializer.Remove(tensor);
            Initializers.Remove(tensor.Name);
        }

        Reindex();
    }

    public static bool IsDefaultDomain(NodeProto node) => node.Domain is "" or "ai.onnx";

    public static long? IntAttribute(NodeProto node, string name)
        => node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.I : null;

    public static float? FloatAttribute(NodeProto node, string name)
        => node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.F : null;

    public static long[]? IntsAttribute(NodeProto node, string name)
        => node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? [.. a.Ints] : null;
}
