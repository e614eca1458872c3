namespace GenQ.Cli.Infrastructure;

/// <summary>Bad usage or bad input found by a command; reported as one line with exit code 2.</summary>
public sealed class CliUsageException(string message, Exception? inner = null) : Exception(message, inner);
