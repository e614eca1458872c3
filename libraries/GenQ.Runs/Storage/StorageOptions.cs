using GenQ.Contracts.Configuration;

namespace GenQ.Runs.Storage;

/// <summary>
/// Where GenQ keeps files (model store, embedded index), bound from the <c>Storage</c> section. Under Aspire the
/// AppHost points every service at the same folder; a multi-machine deployment mounts shared storage there.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = ServiceSettingKeys.StorageSection;

    public string DataDirectory { get; set; } = ".genq/data";

    /// <summary>The versioned model folders of one corpus: <c>{DataDirectory}/models/{corpus}/vNNNN</c>.</summary>
    public string ModelsDirectory(string corpus) => Path.GetFullPath(Path.Combine(DataDirectory, "models", corpus));
}
