using GenQ.Cli.Infrastructure;

namespace GenQ.Cli.Tests;

/// <summary>The outcome of one in-process `genq` run: exit code, stdout (results) and stderr (progress, notes, errors).</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs the real command app, as Program.cs does, with captured consoles.</summary>
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await GenqApp.Create(CliConsole.Create(output, error)).RunAsync(args, CancellationToken.None);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public CliRun AssertOk()
    {
        Assert.True(ExitCode == ExitCodes.Ok, $"exit code {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}");
        return this;
    }
}
