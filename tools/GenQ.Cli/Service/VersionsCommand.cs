using GenQ.Contracts.Corpora;
using System.Globalization;
using System.Text.Json;
using GenQ.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Service;

/// <summary>`genq api versions`: a corpus's model versions and what the gate or an operator decided (GET .../versions).</summary>
public sealed class VersionsCommand(CliConsole console, ApiClientFactory clients) : AsyncCommand<VersionsSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, VersionsSettings settings, CancellationToken cancellationToken)
    {
        using var client = clients.Create(settings);
        var versions = await client.ListVersionsAsync(settings.Name, cancellationToken);
        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(versions, ServiceJsonContext.Readable.IReadOnlyListCorpusVersion));
        }
        else
        {
            console.Out.Write(Describe(settings.Name, versions));
        }
        return ExitCodes.Ok;
    }

    internal static Table Describe(string corpus, IReadOnlyList<CorpusVersion> versions)
    {
        var table = new Table().Title($"versions of {Markup.Escape(corpus)}")
            .AddColumns("version", "live", "method", "generator", "pairs", "fusion", "gate decision");
        foreach (var v in versions)
        {
            table.AddRow(
                Markup.Escape(v.Version),
                v.Live ? "live" : v.Previous ? "previous" : v.State == "Ready" ? "" : v.State.ToLowerInvariant(),
                Markup.Escape(v.Method ?? v.Kind),
                Markup.Escape(v.Generator ?? "-"),
                v.Pairs?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(v.Fusion),
                Markup.Escape(Decision(v)));
        }
        return table;
    }

    /// <summary>"promoted", "kept: reason", "promoted (manual): reason", or "-" when nothing was decided.</summary>
    internal static string Decision(CorpusVersion version) => version.Promotion is not { } p
        ? "-"
        : p.Manual ? $"{p.Decision} (manual): {p.Reason}" : $"{p.Decision}: {p.Reason}";
}
