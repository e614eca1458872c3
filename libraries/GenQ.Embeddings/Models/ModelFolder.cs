using System.Text.Json;
using GenQ.Contracts.Files;

namespace GenQ.Embeddings.Models;

/// <summary>
/// The model-folder contract shared by the trainer (writer) and every encoder (reader):
/// <c>model.onnx</c> (inputs input_ids / attention_mask [/ token_type_ids], int64 [batch, seq]; output
/// last_hidden_state [batch, seq, dim]), <c>vocab.txt</c> (WordPiece) and <c>manifest.json</c> (<see cref="ModelManifest"/>).
/// </summary>
public sealed class ModelFolder
{
    public const string ModelFileName = "model.onnx";
    public const string VocabFileName = "vocab.txt";
    public const string ManifestFileName = "manifest.json";

    private ModelFolder(string path, ModelManifest manifest)
    {
        Path = path;
        Manifest = manifest;
    }

    public string Path { get; }

    public ModelManifest Manifest { get; }

    public string ModelPath => System.IO.Path.Combine(Path, ModelFileName);

    public string VocabPath => System.IO.Path.Combine(Path, VocabFileName);

    public string ManifestPath => System.IO.Path.Combine(Path, ManifestFileName);

    /// <summary>Opens a model folder, checking that all three files exist and the manifest is valid.</summary>
    public static ModelFolder Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"Model folder '{full}' does not exist.");
        }

        foreach (var file in new[] { ModelFileName, VocabFileName, ManifestFileName })
        {
            var filePath = System.IO.Path.Combine(full, file);
            if (!File.Exists(filePath))
            {
                throw new FileNotFoundException($"Model folder '{full}' has no '{file}'.", filePath);
            }
        }

        return new ModelFolder(full, ReadManifest(System.IO.Path.Combine(full, ManifestFileName)));
    }

    public static ModelManifest ReadManifest(string manifestPath)
    {
        using var stream = File.OpenRead(manifestPath);
        return ReadManifest(stream, manifestPath);
    }

    /// <summary>A manifest read from <paramref name="stream"/> (e.g. fetched alone from the model store); <paramref name="manifestPath"/> names it in errors.</summary>
    public static ModelManifest ReadManifest(Stream stream, string manifestPath)
    {
        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(stream, ModelManifestJsonContext.Default.ModelManifest);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"Manifest '{manifestPath}' is not valid JSON (line {ex.LineNumber + 1}, path {ex.Path}): {ex.Message}", ex);
        }

        if (manifest is null)
        {
            throw new InvalidDataException($"Manifest '{manifestPath}' is empty.");
        }

        if (manifest.FormatVersion != ModelManifest.CurrentFormatVersion)
        {
            throw new InvalidDataException(
                $"Manifest '{manifestPath}': formatVersion {manifest.FormatVersion} is not supported (expected {ModelManifest.CurrentFormatVersion}).");
        }

        if (manifest.EmbeddingDimension <= 0)
        {
            throw new InvalidDataException($"Manifest '{manifestPath}': embeddingDimension must be positive.");
        }

        if (!string.Equals(manifest.Pooling, "mean", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"Manifest '{manifestPath}': pooling '{manifest.Pooling}' is not supported (only 'mean').");
        }

        return manifest;
    }

    /// <summary>Writes a manifest atomically (temporary file, then rename), so readers never see half a file.</summary>
    public static void WriteManifest(string folder, ModelManifest manifest)
    {
        AtomicFile.Write(System.IO.Path.Combine(folder, ManifestFileName),
            stream => JsonSerializer.Serialize(stream, manifest, ModelManifestJsonContext.Default.ModelManifest));
    }
}
