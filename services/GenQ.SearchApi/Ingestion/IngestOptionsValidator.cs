using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.Ingestion;

/// <summary>Fails start-up on a retraining threshold that could never be reached by an append.</summary>
public sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RetrainAfterNewPassages >= 1
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{IngestOptions.SectionName}:RetrainAfterNewPassages must be at least 1 (new passages that trigger retraining the corpus).");
    }
}
