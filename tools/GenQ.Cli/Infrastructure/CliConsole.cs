using Spectre.Console;

namespace GenQ.Cli.Infrastructure;

/// <summary>
/// Where the tool writes: <see cref="Out"/> for results (tables, JSON, search hits) and <see cref="Status"/> for
/// progress bars, notes and errors (stderr), so `--json` output stays parseable.
/// </summary>
public sealed record CliConsole(IAnsiConsole Out, IAnsiConsole Status)
{
    private const int UnboundedWidth = 1000;

    public static CliConsole CreateStandard()
    {
        var output = AnsiConsole.Console;
        var status = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        // Redirected to a file or a pipe: no terminal to fit, so do not wrap lines or squeeze table columns to 80.
        if (Console.IsOutputRedirected)
        {
            output.Profile.Width = UnboundedWidth;
        }

        if (Console.IsErrorRedirected)
        {
            status.Profile.Width = UnboundedWidth;
        }

        return new CliConsole(output, status);
    }

    /// <summary>Plain, non-interactive consoles over writers (tests, redirected output).</summary>
    public static CliConsole Create(TextWriter output, TextWriter status) => new(Plain(output), Plain(status));

    private static IAnsiConsole Plain(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });

        // No terminal to fit: never wrap a message or squeeze a table column.
        console.Profile.Width = UnboundedWidth;
        return console;
    }

    public void Note(string message) => Status.MarkupLineInterpolated($"[grey]{message}[/]");
}
