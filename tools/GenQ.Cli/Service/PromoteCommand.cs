using GenQ.Contracts.Corpora;
using System.Text.Json;
using GenQ.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Service;

/// <summary>`genq api promote`: make a ready version live, or roll back to an older one (POST .../versions/{version}/promote).</summary>
public sealed class PromoteCommand(CliConsole console, ApiClientFactory clients) : AsyncCommand<PromoteSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, PromoteSettings settings, CancellationToken cancellationToken)
    {
        using var client = clients.Create(settings);
        var live = await client.PromoteAsync(settings.Name, settings.Version, cancellationToken);
        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(live, ServiceJsonContext.Readable.CorpusVersion));
        }
        else
        {
            console.Out.Profile.Out.Writer.WriteLine(live.Version); // the new live version, alone: scripts can read it
            if (live.Promotion is { Manual: true } decision)
            {
                console.Status.MarkupLineInterpolated($"{decision.Reason}; live was {decision.Live ?? "none"}");
            }
        }
        return ExitCodes.Ok;
    }
}
