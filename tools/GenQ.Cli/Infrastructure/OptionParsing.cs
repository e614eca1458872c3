namespace GenQ.Cli.Infrastructure;

/// <summary>
/// Checks an option's value with the parser that reads it later, so a settings class and its command never disagree
/// about what is valid (e.g. --mode, --modes, --fusion of 'genq search' and 'genq evaluate').
/// </summary>
public static class OptionParsing
{
    /// <summary>
    /// Null when <paramref name="parse"/> accepts the value; otherwise its <see cref="ArgumentException"/> message without
    /// .NET's " (Parameter 'x')" suffix, which names a C# parameter the user never typed.
    /// </summary>
    public static string? ErrorOf(Action parse)
    {
        try
        {
            parse();
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message.Split(" (Parameter", 2)[0];
        }
    }
}
