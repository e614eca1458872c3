using GenQ.Contracts.Runs;
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

    /// <summary>
    /// Starts the demo unless the corpus already exists (a restart must not ingest it again) or another replica of the
    /// API is starting it right now (every replica runs this at start; one claims it).
    /// </summary>
    public async Task<RunStatus?> StartIfMissingAsync()
    {
        if (await runs.GetCorpusAsync(DemoCorpusOptions.CorpusName) is not null
            || !await runs.TryClaimAsync(ClaimName, ClaimHold))
        {
            return null;
        }

        try
        {
            return await StartAsync();
        }
        catch
        {
            await runs.ReleaseClaimAsync(ClaimName); // let a restart try again
            throw;
        }
    }

    // Long enough for the claiming replica to read the reference XML and create the run; afterwards the corpus exists.
    private static readonly TimeSpan ClaimHold = TimeSpan.FromMinutes(10);
    private const string ClaimName = "demo-ingest:" + DemoCorpusOptions.CorpusName;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo corpus: {Passages} documented .NET API members from {Directory}, run {RunId}")]
    private partial void LogStarted(int passages, string directory, string runId);
}
