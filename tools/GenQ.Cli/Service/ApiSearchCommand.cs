using System.Text.Json;
using GenQ.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace GenQ.Cli.Service;

/// <summary>`genq api search`: search a corpus through the search API (GET /api/search), with the live model version.</summary>
public sealed class ApiSearchCommand(CliConsole console, ApiClientFactory clients) : AsyncCommand<ApiSearchSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ApiSearchSettings settings, CancellationToken cancellationToken)
    {
        using var client = clients.Create(settings);
        var response = await client.TrySearchAsync(settings.Name, settings.Query, settings.TopK, settings.Mode, cancellationToken)
            ?? throw new CliUsageException($"corpus '{settings.Name}' is not searchable yet (unknown corpus, or its first indexing is not finished).");
        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(response, ServiceJsonContext.Readable.ApiSearchResponse));
        }
        else
        {
            console.Out.Write(SearchHitsTable.Create(response));
        }
        return ExitCodes.Ok;
    }
}
