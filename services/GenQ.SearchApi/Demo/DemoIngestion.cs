using GenQ.Contracts.Runs;
using GenQ.Demo;
using GenQ.Runs;
using GenQ.SearchApi.Ingestion;
using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.Demo;

/// <summary>Ingests the .NET API reference of the SDK this service runs on as the corpus <c>dotnet-api</c>.</summary>
public sealed partial class DemoIngestion(RunStarter starter, RunStore runs, IOptions<DemoCorpusOptions> options, ILogger<DemoIngestion> logger)
{
    public async Task<RunStatus> StartAsync()
    {
        var directory = ReferencePackLocator.Find();
        var passages = await Task.Run(() =>
            ApiReferenceCorpus.Read(directory, options.Value.Assemblies, options.Value.Namespaces).ToList());
        var run = await starter.StartAsync(DemoCorpusOptions.CorpusName, passages);
        LogStarted(passages.Count, directory, run.RunId);
        return run;
    }

    /// <summary>Starts the demo unless the corpus already exists (a restart must not ingest it again).</summary>
    public async Task<RunStatus?> StartIfMissingAsync() =>
        await runs.GetCorpusAsync(DemoCorpusOptions.CorpusName) is null ? await StartAsync() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo corpus: {Passages} documented .NET API members from {Directory}, run {RunId}")]
    private partial void LogStarted(int passages, string directory, string runId);
}
