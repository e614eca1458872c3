using Microsoft.Extensions.Options;

namespace GenQ.Generation;

/// <summary>
/// Fails start-up on a <see cref="GenerationOptions"/> its own <see cref="GenerationOptions.Validate"/> rejects (the
/// generators check it again: the CLI builds them without a host). The generator worker registers it.
/// </summary>
public sealed class GenerationOptionsValidator : IValidateOptions<GenerationOptions>
{
    public ValidateOptionsResult Validate(string? name, GenerationOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
