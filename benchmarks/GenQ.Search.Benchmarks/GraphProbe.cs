using GenQ.Embeddings.Models;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// Which fusions ONNX Runtime applies: saves the session-optimised graph (SessionOptions.OptimizedModelFilePath) of a
/// model folder and prints its operator histogram next to the original's.
/// </summary>
internal static class GraphProbe
{
    public static void Print(string label, ModelFolder folder, GraphOptimizationLevel level)
    {
        var optimized = Path.Combine(Path.GetTempPath(), $"genq-probe-{label}-{Guid.NewGuid():N}.onnx");
        try
        {
            using (var options = new SessionOptions { GraphOptimizationLevel = level, OptimizedModelFilePath = optimized })
            using (new InferenceSession(folder.ModelPath, options))
            {
            }

            var before = Histogram(folder.ModelPath);
            var after = Histogram(optimized);
            Console.WriteLine($"{label}: {before.Values.Sum()} nodes -> {after.Values.Sum()} nodes after {level}");
            foreach (var op in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
            {
                Console.WriteLine($"  {op,-40} {before.GetValueOrDefault(op),5} -> {after.GetValueOrDefault(op),5}");
            }
        }
        finally
        {
            File.Delete(optimized);
        }
    }

    private static Dictionary<string, int> Histogram(string path)
    {
        using var stream = File.OpenRead(path);
        var model = ModelProto.Parser.ParseFrom(stream);
        return model.Graph.Node
            .GroupBy(n => (string.IsNullOrEmpty(n.Domain) ? "" : n.Domain + ".") + n.OpType, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }
}
