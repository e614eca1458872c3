using System.Globalization;
using System.Text.Json;
using GenQ.Cli.Infrastructure;
using GenQ.Contracts.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Service;

/// <summary>`genq api status`: a run's stage and progress (GET /api/runs/{id}), once or live with --watch.</summary>
public sealed class StatusCommand(CliConsole console, ApiClientFactory clients) : AsyncCommand<StatusSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StatusSettings settings, CancellationToken cancellationToken)
    {
        using var client = clients.Create(settings);
        var status = settings.Watch
            ? await new RunWatcher(client, console, TimeSpan.FromSeconds(settings.Interval), Minutes(settings.Timeout))
                .WatchAsync(settings.RunId, new StageClock(), cancellationToken)
            : await client.GetRunAsync(settings.RunId, cancellationToken);
        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(status, ServiceJsonContext.Readable.RunStatus));
        }
        else
        {
            console.Out.Write(Describe(status));
        }
        return status.Stage is RunStage.Failed or RunStage.Cancelled ? ExitCodes.RuntimeFailure : ExitCodes.Ok;
    }

    internal static TimeSpan? Minutes(double minutes) => minutes > 0 ? TimeSpan.FromMinutes(minutes) : null;

    internal static Table Describe(RunStatus status)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new Table().HideHeaders().AddColumns("field", "value").Title($"run {status.RunId}");
        void Row(string field, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                table.AddRow(field, Markup.Escape(value));
            }
        }
        Row("corpus", status.Corpus);
        Row("stage", StageNames.Of(status.Stage));
        Row("passages", status.PassageCount.ToString(c));
        Row("batches generated", $"{status.BatchesGenerated}/{status.BatchCount}");
        Row("pairs stored", status.PairsStored.ToString(c));
        Row("generator", status.Generator is { } g && StageNames.IsFallbackGenerator(g) ? $"{g} (offline fallback, no T5 model)" : status.Generator);
        Row("model version", status.ModelVersion);
        Row("progress", status.Progress?.ToString("P0", c));
        Row("detail", status.Detail);
        Row("error", status.Error);
        Row("updated", status.UpdatedAt.ToString("u", c));
        return table;
    }
}
