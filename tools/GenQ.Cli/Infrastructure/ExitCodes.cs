namespace GenQ.Cli.Infrastructure;

/// <summary>The tool's exit codes.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something failed while running (model error, I/O, interruption).</summary>
    public const int RuntimeFailure = 1;

    /// <summary>Bad usage or bad input: unknown option, missing file, malformed line.</summary>
    public const int BadInput = 2;
}
