namespace GenQ.Cli.Service;

/// <summary>The run ended in the failed stage, or did not finish in the time allowed.</summary>
public sealed class RunFailedException(string message) : Exception(message);
