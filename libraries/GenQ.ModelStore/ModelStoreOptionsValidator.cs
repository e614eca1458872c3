using Microsoft.Extensions.Options;

namespace GenQ.ModelStore;

/// <summary>Rejects store settings that would lose or never keep a version, at start-up.</summary>
public sealed class ModelStoreOptionsValidator : IValidateOptions<ModelStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Kind))
        {
            errors.Add($"{ModelStoreOptions.SectionName}:Kind must be Local or Redis.");
        }
        if (options.ChunkSize is < 1024 or > 64 * 1024 * 1024)
        {
            errors.Add($"{ModelStoreOptions.SectionName}:ChunkSize must be between 1 KiB and 64 MiB.");
        }
        if (options.VersionsKeptPerCorpus < 1)
        {
            errors.Add($"{ModelStoreOptions.SectionName}:VersionsKeptPerCorpus must be at least 1.");
        }
        if (options.CachedVersionsPerCorpus < 1)
        {
            errors.Add($"{ModelStoreOptions.SectionName}:CachedVersionsPerCorpus must be at least 1.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
