using Microsoft.Extensions.Options;

namespace GenQ.Adaptation.Teachers;

/// <summary>
/// Fails start-up when a cross-encoder folder is named but absent, rather than at the first run that mines margins.
/// An empty path is valid: it selects the hybrid teacher.
/// </summary>
public sealed class TeacherOptionsValidator : IValidateOptions<TeacherOptions>
{
    public ValidateOptionsResult Validate(string? name, TeacherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.ModelPath) || Directory.Exists(options.ModelPath)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{TeacherOptions.SectionName}:ModelPath names no folder.");
    }
}
