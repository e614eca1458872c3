using GenQ.Contracts.Runs;
using GenQ.Embeddings.Models;

namespace GenQ.Cli.Infrastructure;

/// <summary>
/// What `--model` / `--base` accept: "default" (the base all-MiniLM-L6-v2), a model folder (model.onnx + vocab.txt +
/// manifest.json), or a model store written by `genq train`. A store resolves to its live version, as the services
/// serve it: the newest vNNNN folder the promotion gate promoted (or one written before the gate existed); when the gate
/// kept every version, the base model. Name a vNNNN folder to use a version the gate kept.
/// </summary>
public static class ModelResolver
{
    public const string Default = "default";

    public static bool IsDefault(string? model) => string.IsNullOrWhiteSpace(model) || string.Equals(model, Default, StringComparison.OrdinalIgnoreCase);

    public static ModelFolder Resolve(string? model)
    {
        if (IsDefault(model))
        {
            return BaseModelLocator.GetMiniLM();
        }

        var path = Path.GetFullPath(model!);
        if (!Directory.Exists(path))
        {
            throw new CliUsageException($"model folder '{model}' does not exist (give a model folder, a folder written by 'genq train', or 'default').");
        }

        if (File.Exists(Path.Combine(path, ModelFolder.ManifestFileName)))
        {
            return ModelFolder.Open(path);
        }

        var versions = Directory.EnumerateDirectories(path, "v*")
            .Where(d => File.Exists(Path.Combine(d, ModelFolder.ManifestFileName)))
            .Order(StringComparer.Ordinal)
            .Select(ModelFolder.Open)
            .ToList();
        if (versions.Count == 0)
        {
            throw new CliUsageException($"'{model}' is neither a model folder (no {ModelFolder.ManifestFileName}) nor a model store with vNNNN folders.");
        }

        return versions.LastOrDefault(v => v.Manifest.Promotion is not { Decision: PromotionReport.Kept }) ?? BaseModelLocator.GetMiniLM();
    }
}
