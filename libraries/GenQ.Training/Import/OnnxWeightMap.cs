using Onnx;

namespace GenQ.Training.Import;

/// <summary>
/// Where each Hugging Face parameter lives in a BERT ONNX export. Embeddings, biases and LayerNorms keep their names;
/// exporters often rename each Linear weight to a numbered, pre-transposed MatMul initializer (all-MiniLM-L6-v2: <c>938</c>
/// is W^T [384,1536]). Those are found by walking the graph: <c>Add(MatMul(x, W^T), &lt;name&gt;.bias)</c> ⇒ W of <c>&lt;name&gt;</c>.
/// </summary>
public sealed class OnnxWeightMap
{
    private OnnxWeightMap(IReadOnlyDictionary<string, OnnxWeightLocation> locations) => Locations = locations;

    /// <summary>HF key (e.g. <c>encoder.layer.0.intermediate.dense.weight</c>) → initializer holding it.</summary>
    public IReadOnlyDictionary<string, OnnxWeightLocation> Locations { get; }

    public static OnnxWeightMap Build(GraphProto graph, string source)
    {
        var initializers = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            foreach (var output in node.Output)
            {
                producers[output] = node;
            }
        }

        var map = new Dictionary<string, OnnxWeightLocation>(StringComparer.Ordinal);
        foreach (var init in graph.Initializer)
        {
            if (IsHuggingFaceKey(init.Name) && init.DataType == (int)TensorProto.Types.DataType.Float)
            {
                map[init.Name] = new OnnxWeightLocation(init.Name, Transposed: false);
            }
        }

        foreach (var add in graph.Node.Where(n => n.OpType == "Add"))
        {
            var bias = add.Input.FirstOrDefault(i => initializers.ContainsKey(i) && i.EndsWith(".bias", StringComparison.Ordinal));
            if (bias is null)
            {
                continue;
            }

            var other = add.Input.First(i => i != bias);
            if (!producers.TryGetValue(other, out var matMul) || matMul.OpType != "MatMul")
            {
                continue;
            }

            var weight = matMul.Input.FirstOrDefault(initializers.ContainsKey);
            if (weight is not null)
            {
                var key = bias[..^".bias".Length] + ".weight";
                map[key] = new OnnxWeightLocation(weight, Transposed: true); // MatMul(x, W) computes x·W, so W is stored [in, out]
            }
        }

        if (map.Count == 0)
        {
            throw new InvalidDataException($"'{source}' has no BERT initializers (embeddings.*, encoder.layer.*): is it a BERT export?");
        }

        return new OnnxWeightMap(map);
    }

    private static bool IsHuggingFaceKey(string name)
        => name.StartsWith("embeddings.", StringComparison.Ordinal)
           || (name.StartsWith("encoder.layer.", StringComparison.Ordinal) && (name.EndsWith(".bias", StringComparison.Ordinal) || name.Contains("LayerNorm", StringComparison.Ordinal)));
}
