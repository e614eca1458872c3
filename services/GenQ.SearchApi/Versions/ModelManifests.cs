using GenQ.Embeddings.Models;
using GenQ.ModelStore;

namespace GenQ.SearchApi.Versions;

/// <summary>Reads a version's manifest through the model store without loading (or, with the Redis store, fetching) the model.</summary>
public static class ModelManifests
{
    /// <summary>The manifest, or null when the store does not hold the version or its manifest is unreadable.</summary>
    public static async Task<ModelManifest?> TryReadAsync(IModelStore store, string corpus, string modelVersion, CancellationToken cancellationToken)
    {
        try
        {
            if (await store.ReadFileAsync(corpus, modelVersion, ModelFolder.ManifestFileName, cancellationToken) is not { } bytes)
            {
                return null;
            }
            using var stream = new MemoryStream(bytes, writable: false);
            return ModelFolder.ReadManifest(stream, $"{corpus}/{modelVersion}/{ModelFolder.ManifestFileName}");
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ModelStoreException)
        {
            return null; // a pruned, moved or corrupt version: still listed, as "unknown"
        }
    }
}
