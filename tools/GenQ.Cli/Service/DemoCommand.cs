using System.Text.Json;
using GenQ.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Service;

/// <summary>
/// `genq api demo`: POST /api/demo (the .NET API reference of the API's SDK becomes corpus dotnet-api), wait until the
/// base model has indexed it, then show a sample search. The run goes on to generate and train in the background.
/// </summary>
public sealed class DemoCommand(CliConsole console, ApiClientFactory clients) : AsyncCommand<DemoSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DemoSettings settings, CancellationToken cancellationToken)
    {
        using var client = clients.Create(settings);
        // Started before (or by the AppHost with GenQ:Demo=true): show it rather than ingest and index it all again.
        var existing = settings.Reingest ? null : await client.TrySearchAsync(DemoSettings.Corpus, settings.Query, 5, null, cancellationToken);
        if (existing is not null)
        {
            console.Note($"corpus '{DemoSettings.Corpus}' is already searchable (--reingest starts a new demo run)");
            Print(existing, settings.Json);
            return ExitCodes.Ok;
        }
        var run = await client.StartDemoAsync(cancellationToken);
        console.Note($"demo run {run.RunId}: {run.PassageCount} documented .NET API members as corpus '{run.Corpus}'");
        var deadline = DateTimeOffset.UtcNow.AddMinutes(settings.Timeout);
        ApiSearchResponse? response = null;
        await console.Status.Status().StartAsync("indexing the demo corpus with the base model", async status =>
        {
            while ((response = await client.TrySearchAsync(DemoSettings.Corpus, settings.Query, 5, null, cancellationToken)) is null)
            {
                if (DateTimeOffset.UtcNow > deadline)
                {
                    throw new RunFailedException($"corpus '{DemoSettings.Corpus}' is not searchable after {settings.Timeout:0.#} minutes; "
                        + $"follow run {run.RunId} with `genq api status {run.RunId} --watch`.");
                }
                var current = await client.GetRunAsync(run.RunId, cancellationToken);
                status.Status(Markup.Escape($"waiting for the demo corpus to be searchable (run {StageNames.Of(current.Stage)})"));
                await Task.Delay(TimeSpan.FromSeconds(settings.Interval), cancellationToken);
            }
        });
        Print(response!, settings.Json);
        console.Note($"the run keeps generating and training; follow it with: genq api status {run.RunId} --watch");
        return ExitCodes.Ok;
    }

    private void Print(ApiSearchResponse response, bool json)
    {
        if (json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(response, ServiceJsonContext.Readable.ApiSearchResponse));
        }
        else
        {
            console.Out.Write(SearchHitsTable.Create(response));
        }
    }
}
