using Microsoft.Extensions.Options;

namespace GenQ.Adaptation.TrainingData;

/// <summary>Fails start-up on a pair budget that would leave a run nothing to train on.</summary>
public sealed class TrainingDataOptionsValidator : IValidateOptions<TrainingDataOptions>
{
    public ValidateOptionsResult Validate(string? name, TrainingDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxPairs is null or >= 1
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{TrainingDataOptions.SectionName}:MaxPairs must be at least 1 when set.");
    }
}
