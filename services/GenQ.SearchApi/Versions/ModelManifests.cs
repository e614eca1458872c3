using GenQ.Embeddings.Models;
using GenQ.Runs;

namespace GenQ.SearchApi.Versions;

/// <summary>Reads a version's manifest from its registered model folder without loading the model.</summary>
public static class ModelManifests
{
    /// <summary>The manifest, or null when the version is not registered or its folder has no readable manifest.</summary>
    public static ModelManifest? TryRead(string? modelPath)
    {
        if (modelPath is null)
        {
            return null;
        }
        try
        {
            return ModelFolder.ReadManifest(Path.Combine(modelPath, ModelFolder.ManifestFileName));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null; // a pruned or moved folder: the version is still listed, as "unknown"
        }
    }

    public static async Task<ModelManifest?> TryReadAsync(ModelRegistry models, string corpus, string modelVersion) =>
        TryRead(await models.FindAsync(corpus, modelVersion));
}
