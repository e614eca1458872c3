using GenQ.Contracts.Configuration;

namespace GenQ.ModelStore;

/// <summary>
/// Where this service keeps files, bound from the <c>Storage</c> section: with <see cref="ModelStoreKind.Local"/> the
/// shared model folder (the AppHost points trainer and search API at the same one); with
/// <see cref="ModelStoreKind.Redis"/> this service's own copy of the versions it fetched (and, for the trainer, the
/// versions it trains), read by no other service.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = ServiceSettingKeys.StorageSection;

    public string DataDirectory { get; set; } = ".genq/data";

    /// <summary>The versioned model folders of one corpus: <c>{DataDirectory}/models/{corpus}/vNNNN</c>.</summary>
    public string ModelsDirectory(string corpus) => Path.GetFullPath(Path.Combine(DataDirectory, "models", corpus));
}
