using GenQ.Embeddings.Models;

namespace GenQ.Cli.Infrastructure;

/// <summary>
/// What `--model` / `--base` accept: "default" (the base all-MiniLM-L6-v2), a model folder (model.onnx + vocab.txt +
/// manifest.json), or a model store written by `genq train` (its newest vNNNN folder is used).
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

        var newest = Directory.EnumerateDirectories(path, "v*")
            .Where(d => File.Exists(Path.Combine(d, ModelFolder.ManifestFileName)))
            .Order(StringComparer.Ordinal)
            .LastOrDefault();
        return newest is not null
            ? ModelFolder.Open(newest)
            : throw new CliUsageException($"'{model}' is neither a model folder (no {ModelFolder.ManifestFileName}) nor a model store with vNNNN folders.");
    }
}
