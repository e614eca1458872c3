using GenQ.Embeddings.Models;

namespace GenQ.SearchApi.Search;

/// <summary>The zero-shot base model (all-MiniLM-L6-v2 from its NuGet package), extracted once per process.</summary>
public sealed class BaseModel
{
    private readonly Lazy<ModelFolder> _folder = new(() => BaseModelLocator.GetMiniLM());

    public ModelFolder Folder => _folder.Value;
}
