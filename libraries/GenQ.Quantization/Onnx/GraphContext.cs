using Onnx;

namespace GenQ.Quantization.Onnx;

/// <summary>Lookups over one graph that the rewriters share: constant initializers, consumers, graph outputs, fresh names.</summary>
internal sealed class GraphContext
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public GraphContext(GraphProto graph, string modelPath)
    {
        Graph = graph;
        ModelPath = modelPath;
        Initializers = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        GraphInputs = graph.Input.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        GraphOutputs = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        Consumers = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            foreach (var input in node.Input)
            {
                if (!Consumers.TryGetValue(input, out var list))
                {
                    Consumers[input] = list = [];
                }

                list.Add(node);
            }

            _names.UnionWith(node.Output);
            _names.Add(node.Name);
        }

        _names.UnionWith(Initializers.Keys);
        _names.UnionWith(GraphInputs);
    }

    public GraphProto Graph { get; }

    public string ModelPath { get; }

    public Dictionary<string, TensorProto> Initializers { get; }

    public HashSet<string> GraphInputs { get; }

    public HashSet<string> GraphOutputs { get; }

    public Dictionary<string, List<NodeProto>> Consumers { get; }

    /// <summary>
    /// A float initializer that is not also a graph input: an initializer listed among the inputs can be overridden by
    /// the caller at run time, so it is not a constant weight.
    /// </summary>
    public TensorProto? ConstantFloat(string name)
        => Initializers.TryGetValue(name, out var tensor) && OnnxTensors.IsFloat(tensor) && !GraphInputs.Contains(name) ? tensor : null;

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

    public static bool IsDefaultDomain(NodeProto node) => node.Domain is "" or "ai.onnx";
}
