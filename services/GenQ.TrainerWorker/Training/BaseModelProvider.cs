using GenQ.Embeddings.Models;
using Microsoft.Extensions.Options;

namespace GenQ.TrainerWorker.Training;

/// <summary>The base model folder: the configured one, or all-MiniLM-L6-v2 extracted once from its NuGet package.</summary>
public sealed class BaseModelProvider(IOptions<TrainerWorkerOptions> options)
{
    private readonly Lazy<ModelFolder> _folder = new(() =>
        string.IsNullOrWhiteSpace(options.Value.BaseModelPath)
            ? BaseModelLocator.GetMiniLM()
            : ModelFolder.Open(options.Value.BaseModelPath));

    public ModelFolder Folder => _folder.Value;
}
