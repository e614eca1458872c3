using System.Globalization;
using GenQ.Embeddings.Models;
using GenQ.Training.Import;
using GenQ.Training.Modeling;
using Onnx;
using TorchSharp;

namespace GenQ.Training.Export;

/// <summary>
/// Writes a trained model as a GenQ model folder (model.onnx + vocab.txt + manifest.json) under a new version folder
/// <c>&lt;root&gt;/vNNNN</c>. When the base model's ONNX graph fits the weights (all-MiniLM-L6-v2 and GenQ's own exports),
/// that graph is kept and only its initializers are replaced; otherwise <see cref="BertOnnxGraphWriter"/> writes one.
/// The folder appears complete or not at all (built under a temporary name, then renamed).
/// </summary>
public static class OnnxModelExporter
{
    public static ModelFolder Export(SentenceEncoderModel model, string? baseOnnxPath, string outputRoot, Func<string, ModelManifest> manifestForVersion)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(outputRoot);
        Dictionary<string, float[]> weights;
        // detach/cpu/contiguous make three tensor handles per parameter, each keeping the weights' storage alive:
        // disposed here, not left to a finalizer that a worker with a small managed heap rarely runs.
        using (torch.NewDisposeScope())
        {
            weights = model.Bert.named_parameters().ToDictionary(
                p => p.name,
                p => p.parameter.detach().cpu().contiguous().data<float>().ToArray(),
                StringComparer.Ordinal);
        }
        var onnx = baseOnnxPath is not null && TryReuseGraph(baseOnnxPath, weights, model.Bert.Config) is { } reused
            ? reused
            : BertOnnxGraphWriter.Build(model.Bert.Config, weights);

        var temp = Path.Combine(outputRoot, ".tmp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        try
        {
            onnx.WriteToFile(Path.Combine(temp, ModelFolder.ModelFileName));
            File.Copy(model.Tokenizer.VocabPath, Path.Combine(temp, ModelFolder.VocabFileName));
            for (var attempt = 0; ; attempt++)
            {
                var version = NextVersion(outputRoot, attempt);
                ModelFolder.WriteManifest(temp, manifestForVersion(version));
                var target = Path.Combine(outputRoot, version);
                try
                {
                    Directory.Move(temp, target);
                    return ModelFolder.Open(target);
                }
                catch (IOException) when (Directory.Exists(target) && attempt < 20)
                {
                    // Another exporter took this version number first: take the next one.
                }
            }
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>The base graph with every mapped initializer overwritten, or null when it does not fit the weights.</summary>
    public static ModelProto? TryReuseGraph(string baseOnnxPath, IReadOnlyDictionary<string, float[]> weights, BertConfig config)
    {
        var model = OnnxWeightImporter.ReadModel(baseOnnxPath);
        var map = OnnxWeightMap.Build(model.Graph, baseOnnxPath);
        var initializers = model.Graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        if (weights.Keys.Any(k => !map.Locations.ContainsKey(k)))
        {
            return null;
        }

        foreach (var (key, data) in weights)
        {
            var location = map.Locations[key];
            var init = initializers[location.Initializer];
            var count = init.Dims.Aggregate(1L, (a, b) => a * b);
            if (count != data.Length)
            {
                return null;
            }

            var values = location.Transposed ? TransposeToOnnx(data, init.Dims[1], init.Dims[0]) : data;
            init.FloatData.Clear();
            init.RawData = Google.Protobuf.ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        }

        model.ProducerName = "GenQ.Training";
        model.DocString = string.Create(CultureInfo.InvariantCulture, $"GenQ fine-tuned BERT ({config.NumHiddenLayers} layers, hidden {config.HiddenSize})");
        return model;
    }

    private static float[] TransposeToOnnx(float[] data, long rows, long cols)
    {
        // data is PyTorch [out, in] = (rows, cols); ONNX stores [in, out].
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

    private static string NextVersion(string root, int offset)
    {
        var highest = Directory.EnumerateDirectories(root, "v*")
            .Select(Path.GetFileName)
            .Select(n => n is { Length: 5 } && int.TryParse(n.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .DefaultIfEmpty(0)
            .Max();
        return string.Create(CultureInfo.InvariantCulture, $"v{highest + 1 + offset:D4}");
    }
}
