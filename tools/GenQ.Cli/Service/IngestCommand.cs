using System.Text.Json;
using GenQ.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Service;

/// <summary>`genq api ingest`: streams a corpus file to the search API, which starts a GenQ run; prints the run id.</summary>
public sealed class IngestCommand(CliConsole console, ApiClientFactory clients) : AsyncCommand<IngestSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, IngestSettings settings, CancellationToken cancellationToken)
    {
        CorpusUpload.RequireFile(settings.Corpus, "--corpus");
        var name = CorpusUpload.ResolveName(settings.Name, settings.Corpus);
        using var client = clients.Create(settings);
        console.Note($"uploading {settings.Corpus} {(settings.Append ? "to append to" : "as")} corpus '{name}' to {client.BaseAddress}");
        var run = await CorpusUpload.UploadAsync(client, name, settings.Corpus, cancellationToken, settings.Append);
        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(run, ServiceJsonContext.Readable.RunStatus));
            return ExitCodes.Ok;
        }
        console.Out.MarkupLineInterpolated($"run [bold]{run.RunId}[/]: corpus '{run.Corpus}', {run.PassageCount} passages in {run.BatchCount} generation batches");
        if (run.Append is { } append)
        {
            console.Out.MarkupLineInterpolated($"{append.Summary} (corpus now {append.CorpusPassages} passages)");
        }
        console.Note($"follow it with: genq api status {run.RunId} --watch");
        return ExitCodes.Ok;
    }
}
