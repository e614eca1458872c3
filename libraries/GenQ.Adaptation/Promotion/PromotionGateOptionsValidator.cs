using Microsoft.Extensions.Options;

namespace GenQ.Adaptation.Promotion;

/// <summary>Fails start-up on gate bounds outside their scale (MRR@10 differences, a confidence level); every failure is named.</summary>
public sealed class PromotionGateOptionsValidator : IValidateOptions<PromotionGateOptions>
{
    public ValidateOptionsResult Validate(string? name, PromotionGateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.RequiredMargin is not (>= 0 and < 1))
        {
            errors.Add($"{PromotionGateOptions.SectionName}:RequiredMargin must be between 0 and 1 (an MRR@10 difference).");
        }
        if (options.Confidence is not (> 0.5 and < 1))
        {
            errors.Add($"{PromotionGateOptions.SectionName}:Confidence must be between 0.5 and 1.");
        }
        if (options.DenseTolerance is not (>= 0 and < 1))
        {
            errors.Add($"{PromotionGateOptions.SectionName}:DenseTolerance must be between 0 and 1.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
