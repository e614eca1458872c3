using GenQ.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace GenQ.Cli.Service;

/// <summary>`genq api evaluate`: POST /api/corpora/{name}/evaluate with BEIR queries + qrels; prints the markdown table or the JSON report.</summary>
public sealed class ApiEvaluateCommand(CliConsole console, ApiClientFactory clients) : AsyncCommand<ApiEvaluateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ApiEvaluateSettings settings, CancellationToken cancellationToken)
    {
        var files = EvaluationFiles.Resolve(settings.Data, settings.Queries, settings.Qrels, settings.Split);
        using var client = clients.Create(settings);
        console.Note($"evaluating corpus '{settings.Name}' on {files.Queries} + {files.Qrels}");
        var (report, _) = await files.EvaluateAsync(client, settings.Name, settings.Modes, settings.Versions, cancellationToken);
        console.Out.Profile.Out.Writer.Write(settings.Json ? report.ToJson() + Environment.NewLine : report.ToMarkdown());
        return ExitCodes.Ok;
    }
}
