using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Infrastructure;

/// <summary>Prints the <see cref="DeprecatedName"/> note on stderr (not stdout: `--json` output stays parseable) before the command runs.</summary>
public sealed class DeprecatedNameInterceptor(CliConsole console) : ICommandInterceptor
{
    public void Intercept(CommandContext context, CommandSettings settings)
    {
        if (context.Data is DeprecatedName name)
        {
            console.Status.WriteLine(name.Note);
        }
    }
}
