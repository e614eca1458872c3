using Microsoft.Extensions.Options;

namespace GenQ.Adaptation.Mining;

/// <summary>
/// Fails start-up on an empty or negative rank window. It checks the window only, as the trainer worker always has:
/// <see cref="HardNegativeOptions.Validate"/> (which the miner calls) also checks the cosine bound, when a run mines.
/// </summary>
public sealed class HardNegativeOptionsValidator : IValidateOptions<HardNegativeOptions>
{
    public ValidateOptionsResult Validate(string? name, HardNegativeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RankFrom >= 0 && options.RankTo > options.RankFrom
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{HardNegativeOptions.SectionName}:RankFrom must be ≥ 0 and below RankTo.");
    }
}
