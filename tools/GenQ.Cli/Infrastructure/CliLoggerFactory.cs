using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace GenQ.Cli.Infrastructure;

/// <summary>
/// Routes library logs (generator choice, execution provider, trainer progress) to the status console: warnings and
/// errors always, information with --verbose. No logging framework needed for a command-line tool.
/// </summary>
public sealed class CliLoggerFactory(CliConsole console, LogLevel minimum) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new CliLogger(console, minimum);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class CliLogger(CliConsole console, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var colour = logLevel >= LogLevel.Warning ? "yellow" : "grey";
            lock (console)
            {
                console.Status.MarkupLine($"[{colour}]{Markup.Escape(formatter(state, exception))}[/]");
            }
        }
    }
}
