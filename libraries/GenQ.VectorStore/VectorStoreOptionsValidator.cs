using Microsoft.Extensions.Options;

namespace GenQ.VectorStore;

/// <summary>Fails options validation with the message of <see cref="VectorStoreOptions.Validate"/> (checked at start-up).</summary>
internal sealed class VectorStoreOptionsValidator : IValidateOptions<VectorStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, VectorStoreOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
