using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.Search;

/// <summary>Fails start-up on a <see cref="QueryEncodingOptions"/> its <see cref="QueryEncodingOptions.Validate"/> rejects.</summary>
public sealed class QueryEncodingOptionsValidator : IValidateOptions<QueryEncodingOptions>
{
    public ValidateOptionsResult Validate(string? name, QueryEncodingOptions options)
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
