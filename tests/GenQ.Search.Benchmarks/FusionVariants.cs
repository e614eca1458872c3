using GenQ.Embeddings.Inference.Fusion;
using GenQ.Embeddings.Models;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// all-MiniLM-L6-v2 as exported and as fused in several ways, each written as a model folder under a temporary root, so
/// every variant loads through the same encoder code: <c>unfused</c>, <c>mha</c> (MultiHeadAttention, the encoder's
/// FuseTransformerOps default), <c>attention</c> (packed Attention), and either with <c>+skipln</c> (SkipLayerNormalization).
/// </summary>
internal sealed class FusionVariants : IDisposable
{
    public const string Unfused = "unfused";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "genq-fusion-bench-" + Guid.NewGuid().ToString("N")[..8]);

    public FusionVariants(ModelFolder source, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (name == Unfused)
            {
                Folders.Add((name, source));
                continue;
            }

            var options = new TransformerFusionOptions
            {
                Attention = name.Split('+')[0] switch
                {
                    "mha" => AttentionFusionKind.MultiHeadAttention,
                    "attention" => AttentionFusionKind.Attention,
                    "none" => AttentionFusionKind.None,
                    _ => throw new ArgumentException($"Unknown variant '{name}'. Variants: unfused, mha, attention, none, each optionally +skipln."),
                },
                SkipLayerNormalization = name.EndsWith("+skipln", StringComparison.Ordinal),
            };
            var folder = Path.Combine(_root, name.Replace('+', '-'));
            Directory.CreateDirectory(folder);
            foreach (var file in new[] { ModelFolder.VocabFileName, ModelFolder.ManifestFileName })
            {
                File.Copy(Path.Combine(source.Path, file), Path.Combine(folder, file));
            }

            var fused = TransformerGraphFusion.FuseFile(source.ModelPath, options);
            File.WriteAllBytes(Path.Combine(folder, ModelFolder.ModelFileName), fused.Model);
            Console.WriteLine($"variant {name}: {fused.Report}");
            Folders.Add((name, ModelFolder.Open(folder)));
        }
    }

    public List<(string Name, ModelFolder Folder)> Folders { get; } = [];

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
