using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.Limits;

/// <summary>Fails start-up on a policy that would reject every request (no permits or no window).</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Search.IsValid && options.Upload.IsValid && options.Evaluate.IsValid
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{RateLimitOptions.SectionName}: every PermitLimit must be at least 1 and every Window positive.");
    }
}
